package dev.chaos.cluster;

import dev.chaos.workload.Client;
import java.util.List;

/**
 * A running system under test, as the runner sees it: its nodes, a client per node (through that
 * node's client link), each node's own view of the data for the convergence probe, and the process
 * faults it supports. Closing it stops every node.
 */
public interface Cluster extends AutoCloseable {

    List<String> nodes();

    /** A client talking to {@code node} only, through its client link. */
    Client openClient(String node) throws Exception;

    /**
     * The node's own current view of the workload's data, without coordination (for ZooKeeper: a
     * plain read on that server): what the convergence probe compares.
     */
    Object localRead(String node, String workload) throws Exception;

    /** The current leader, or null when there is none or the target has no leader. */
    default String leader() {
        return null;
    }

    /** SIGKILL a node. */
    void kill(String node) throws Exception;

    /** Start a killed node again, with its data. */
    void restart(String node) throws Exception;

    /** SIGSTOP a node: it freezes with its connections open, like a long GC pause. */
    default void pause(String node) throws Exception {
        throw new UnsupportedOperationException("this cluster cannot pause nodes");
    }

    /** SIGCONT a paused node. */
    default void resume(String node) throws Exception {
        throw new UnsupportedOperationException("this cluster cannot pause nodes");
    }

    /** Stop a node gracefully (SIGTERM, {@code docker stop}) and wait until it is gone; its data stays. */
    default void stop(String node) throws Exception {
        throw new UnsupportedOperationException("this cluster cannot stop nodes gracefully");
    }

    /** Start a stopped (or killed) node again, with whatever data it has. */
    default void start(String node) throws Exception {
        throw new UnsupportedOperationException("this cluster cannot start nodes");
    }

    /**
     * Delete a stopped node's data, so that its next {@link #start} begins empty and catches up from
     * the others (keeping only what the target needs to know who the node is, e.g. ZooKeeper's myid;
     * membership changes where the target needs them, e.g. etcd).
     */
    default void wipe(String node) throws Exception {
        throw new UnsupportedOperationException("this cluster cannot wipe nodes");
    }

    /** Whether the target says the node serves (a ZooKeeper leader or follower, an etcd member that knows its leader...). */
    default boolean healthy(String node) {
        throw new UnsupportedOperationException("this cluster cannot tell whether a node serves");
    }

    /**
     * What scripts may know about a node, as {@code KEY -> value}; procedures export each as
     * {@code CHAOS_NODE_<node>_<KEY>}. At least {@code ADDRESS} (host:port of its client port,
     * reached directly) and {@code CLIENT} (host:port clients use, through the client link).
     */
    default java.util.Map<String, String> describe(String node) {
        return java.util.Map.of();
    }

    @Override
    void close();
}
