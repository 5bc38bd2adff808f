package dev.chaos.sut.zookeeper;

import dev.chaos.backend.docker.DockerLab;
import dev.chaos.backend.local.LocalLab;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Target;
import dev.chaos.cluster.TargetContext;
import java.util.List;

/**
 * Apache ZooKeeper, the jars chaos is built with: OS processes on {@code local} (the default), the
 * project's image on {@code docker}. Set: a znode per element; register: versioned setData (CAS);
 * reads with {@code sync()} unless serializable reads are asked for.
 */
public final class ZooKeeperTarget implements Target {

    @Override
    public String name() {
        return "zookeeper";
    }

    @Override
    public String description() {
        return "Apache ZooKeeper " + org.apache.zookeeper.Version.getVersion().split("-")[0]
                + ": a znode per set element, registers by versioned setData, reads with sync()";
    }

    @Override
    public List<String> backends() {
        return List.of("local", "docker");
    }

    @Override
    public List<String> workloads() {
        return List.of("set", "cas-register", "kv");
    }

    @Override
    public Class<? extends Cluster> clusterType(String backend) {
        return backend.equals("docker") ? ZooKeeperDockerCluster.class : ZooKeeperCluster.class;
    }

    @Override
    public Cluster start(TargetContext context) throws Exception {
        return switch (context.lab()) {
            case LocalLab local -> ZooKeeperCluster.start(context, local);
            case DockerLab docker -> ZooKeeperDockerCluster.start(context, docker);
            default -> throw new IllegalArgumentException("zookeeper runs on local or docker, not " + context.lab().backend());
        };
    }
}
