package dev.chaos.sut.redis;

import dev.chaos.backend.docker.ContainerTarget;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.TargetContext;
import java.util.List;

/**
 * Redis with Sentinel (Debian's redis-server and redis-sentinel) in containers: asynchronous
 * replication, Sentinel failover; known to lose acknowledged writes under a clean split.
 */
public final class RedisTarget extends ContainerTarget {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String description() {
        return "Redis + Sentinel (Debian's packages): async replication, Sentinel failover, clients follow the primary";
    }

    @Override
    public List<String> workloads() {
        return List.of("set", "cas-register", "kv");
    }

    @Override
    public Class<? extends Cluster> clusterType(String backend) {
        return RedisCluster.class;
    }

    @Override
    protected Cluster start(TargetContext context, DockerLab lab) throws Exception {
        return RedisCluster.start(context, lab);
    }
}
