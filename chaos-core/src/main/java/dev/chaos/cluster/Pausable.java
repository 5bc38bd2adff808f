package dev.chaos.cluster;

/** A cluster whose nodes can freeze: the {@code pause} fault needs it. */
public interface Pausable {

    /** SIGSTOP the node: it freezes with its connections open, like a long GC pause. */
    void pause(String node) throws Exception;

    /** SIGCONT a paused node. */
    void resume(String node) throws Exception;
}
