package dev.chaos.cluster;

/** A cluster whose nodes can be stopped gracefully and started again: procedures' {@code stop} and {@code start} need it. */
public interface Stoppable {

    /** Stop the node gracefully (SIGTERM, {@code docker stop}) and wait until it is gone; its data stays. */
    void stop(String node) throws Exception;

    /** Start a stopped (or killed) node again, with whatever data it has. */
    void start(String node) throws Exception;
}
