package dev.chaos.sut.redis;

import dev.chaos.backend.docker.DockerLab;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Target;
import dev.chaos.cluster.TargetContext;
import java.util.List;

/**
 * Redis with Sentinel (Debian's redis-server and redis-sentinel) in containers: asynchronous
 * replication, Sentinel failover; known to lose acknowledged writes under a clean split.
 */
public final class RedisTarget implements Target {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String description() {
        return "Redis + Sentinel (Debian's packages): async replication, Sentinel failover, clients follow the primary";
    }

    @Override
    public List<String> backends() {
        return List.of("docker");
    }

    @Override
    public List<String> workloads() {
        return List.of("set", "cas-register");
    }

    @Override
    public Class<? extends Cluster> clusterType(String backend) {
        return RedisCluster.class;
    }

    @Override
    public Cluster start(TargetContext context) throws Exception {
        if (!(context.lab() instanceof DockerLab docker)) {
            throw new IllegalArgumentException("redis runs on docker, not " + context.lab().backend());
        }
        return RedisCluster.start(context, docker);
    }
}
