package dev.chaos.cluster;

/** A cluster whose nodes can crash: {@code kill}, {@code cascading} and the procedure step {@code kill} need it. */
public interface Killable {

    /** SIGKILL the node (a crash: no shutdown hooks, nothing flushed that was not already). */
    void kill(String node) throws Exception;

    /** Start a killed node again, with its data. */
    void restart(String node) throws Exception;
}
