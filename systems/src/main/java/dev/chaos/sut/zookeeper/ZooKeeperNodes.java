package dev.chaos.sut.zookeeper;

import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.HealthProbe;
import dev.chaos.cluster.Leader;
import dev.chaos.workload.Client;
import dev.chaos.workload.Workload;

/**
 * What a ZooKeeper cluster is on any backend: clients, probes, the leader and health all come from
 * its {@link ZooKeeperEnsemble}; only starting, wiping and describing nodes differ per backend.
 */
interface ZooKeeperNodes extends Cluster, Leader, HealthProbe {

    ZooKeeperEnsemble ensemble();

    @Override
    default Client openClient(String node, Workload workload) throws Exception {
        return ensemble().openClient(node, workload);
    }

    @Override
    default Object localRead(String node, Workload workload) throws Exception {
        return ensemble().localRead(node, workload);
    }

    @Override
    default String leader() {
        return ensemble().leader();
    }

    /** Serving: {@code srvr} says leader or follower. */
    @Override
    default boolean healthy(String node) {
        return ensemble().healthy(node);
    }
}
