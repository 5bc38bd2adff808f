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

    @Override
    void close();
}
