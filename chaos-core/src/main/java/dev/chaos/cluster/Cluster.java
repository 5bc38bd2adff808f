package dev.chaos.cluster;

import dev.chaos.workload.Client;
import dev.chaos.workload.Workload;
import java.util.List;
import java.util.Map;

/**
 * A running system under test, as the runner sees it: its nodes, a client per node and workload
 * (through that node's client link), and each node's own view of a workload's data for the
 * convergence probe. Closing it stops every node.
 *
 * <p>What else a cluster can do is what else it is: {@link Leader}, {@link Killable},
 * {@link Pausable}, {@link Stoppable}, {@link Wipeable}, {@link HealthProbe}. A target declares its
 * cluster's type ({@link Target#clusterType}), so a scenario that needs what the type lacks is
 * refused before anything starts ({@link Capability}). Nothing here throws "unsupported".
 */
public interface Cluster extends AutoCloseable {

    List<String> nodes();

    /**
     * A client for {@code workload}, talking to {@code node} only, through its client link. The
     * cluster picks the client by the workload's type; a workload its target does not list is never
     * asked for (the runner checks {@link Target#workloads} first).
     */
    Client openClient(String node, Workload workload) throws Exception;

    /**
     * The node's own current view of the workload's data, without coordination (for ZooKeeper: a
     * plain read on that server): what the convergence probe compares.
     */
    Object localRead(String node, Workload workload) throws Exception;

    /**
     * What scripts may know about a node, as {@code KEY -> value}; procedures export each as
     * {@code CHAOS_NODE_<node>_<KEY>}. At least {@code ADDRESS} (host:port of its client port,
     * reached directly) and {@code CLIENT} (host:port clients use, through the client link).
     */
    default Map<String, String> describe(String node) {
        return Map.of();
    }

    @Override
    void close();
}
