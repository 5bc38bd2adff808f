package dev.chaos.sut.etcd;

import dev.chaos.backend.docker.ContainerTarget;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.TargetContext;
import java.util.List;

/** etcd (Debian's etcd-server) in containers, spoken to through its v3 HTTP/JSON gateway. */
public final class EtcdTarget extends ContainerTarget {

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public String description() {
        return "etcd (Debian's etcd-server) over its v3 JSON gateway: linearizable or serializable reads, CAS by transaction";
    }

    @Override
    public List<String> workloads() {
        return List.of("set", "cas-register", "kv");
    }

    @Override
    public Class<? extends Cluster> clusterType(String backend) {
        return EtcdCluster.class;
    }

    @Override
    protected Cluster start(TargetContext context, DockerLab lab) throws Exception {
        return EtcdCluster.start(context, lab);
    }
}
