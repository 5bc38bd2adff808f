package dev.chaos.sut.zookeeper;

import dev.chaos.backend.docker.ContainerCluster;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.backend.docker.Images;
import dev.chaos.cluster.ClockControl;
import dev.chaos.cluster.Readiness;
import dev.chaos.cluster.TargetContext;
import dev.chaos.cluster.Wiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ZooKeeper servers as containers of the project's own image (the ZooKeeper jars chaos is built
 * with), with the same configuration, clients and probes as the local backend. Peers are named
 * {@code server.j=nj:2888:3888}; in node i's container nj resolves to i's own link to j.
 */
public final class ZooKeeperDockerCluster extends ContainerCluster implements ZooKeeperNodes, ClockControl {

    public static final String IMAGE = "chaos/zookeeper:" + Images.VERSION;

    private final Wiring wiring;
    private final ZooKeeperEnsemble zk;

    private ZooKeeperDockerCluster(TargetContext ctx, DockerLab lab, Wiring wiring) {
        super(lab, ctx.nodes(), ctx.runDir(), ctx.log());
        this.wiring = wiring;
        this.zk = new ZooKeeperEnsemble(ctx.nodes(), wiring, ctx.linearizableReads());
    }

    static ZooKeeperDockerCluster start(TargetContext ctx, DockerLab lab) throws Exception {
        List<String> nodes = ctx.nodes();
        ZooKeeperDockerCluster c = new ZooKeeperDockerCluster(ctx, lab, ctx.wire(ZooKeeperCluster.PLAN));
        StringBuilder cfg = ZooKeeperCluster.baseConfig("/data", ZooKeeperCluster.CLIENT_PORT).append("quorumListenOnAllIPs=true\n");
        for (int j = 0; j < nodes.size(); j++) {
            cfg.append("server.").append(j + 1).append('=').append(nodes.get(j)).append(':').append(ZooKeeperCluster.QUORUM_PORT)
                    .append(':').append(ZooKeeperCluster.ELECTION_PORT).append('\n');
        }
        String script = "mkdir -p /conf /data; printf '%s' \"$ZOO_CFG\" > /conf/zoo.cfg; "
                + "[ -f /data/myid ] || echo \"$ZOO_MY_ID\" > /data/myid; "
                + "exec java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dzookeeper.jmx.log4j.disable=true "
                + "-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS "
                + "-cp '/opt/chaos/lib/*' org.apache.zookeeper.server.quorum.QuorumPeerMain /conf/zoo.cfg";
        List<DockerLab.NodeSpec> specs = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            specs.add(new DockerLab.NodeSpec(nodes.get(i), IMAGE, List.of("sh", "-c", script), List.of(),
                    Map.of("ZOO_CFG", cfg.toString(), "ZOO_MY_ID", Integer.toString(i + 1))));
        }
        lab.startNodes(specs);
        Readiness.awaitOneLeader("zookeeper", nodes, c.zk::modes, lab::running, n -> lab.logTail(n, 20), ctx.startTimeoutMs(), ctx.log());
        c.zk.createParents(nodes.get(0));
        return c;
    }

    @Override
    public Map<String, String> describe(String node) {
        return describe(node, wiring.direct(node), wiring.clientLink(node));
    }

    /** A JVM reads the wall clock through libc, so libfaketime's offset reaches it ({@code System.currentTimeMillis}). */
    @Override
    public void setClockOffset(String node, java.time.Duration offset) throws Exception {
        lab.setClockOffset(node, offset);
    }

    @Override
    public Long clockOffsetSeen(String node) throws Exception {
        return lab.clockOffsetSeen(node);
    }

    @Override
    public ZooKeeperEnsemble ensemble() {
        return zk;
    }

    @Override
    public void close() {
        zk.close();
    }
}
