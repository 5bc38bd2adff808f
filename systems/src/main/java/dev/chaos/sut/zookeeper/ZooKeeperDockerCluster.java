package dev.chaos.sut.zookeeper;

import dev.chaos.backend.docker.ContainerCluster;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.backend.docker.Images;
import dev.chaos.cluster.ClockControl;
import dev.chaos.cluster.Membership;
import dev.chaos.cluster.Readiness;
import dev.chaos.cluster.TargetContext;
import dev.chaos.cluster.Wiring;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.apache.zookeeper.data.Stat;

/**
 * ZooKeeper servers as containers of the project's own image (the ZooKeeper jars chaos is built
 * with), with the same configuration, clients and probes as the local backend. Peers are named
 * {@code server.j=nj:2888:3888}; in node i's container nj resolves to i's own link to j, at the same
 * ports for every pair.
 *
 * <p>That is what makes dynamic reconfiguration possible here: a {@code reconfig} hands one
 * config string to every server, and {@code server.4=n2:2888:3888} leads each of them into its own
 * link to n2.
 * Reconfiguration is enabled ({@code reconfigEnabled=true}, {@code skipACL=yes}: the test cluster
 * has no super user), and a server keeps the config ZooKeeper rewrote across restarts, as a real
 * deployment's disk does.
 */
public final class ZooKeeperDockerCluster extends ContainerCluster implements ZooKeeperNodes, Membership, ClockControl {

    public static final String IMAGE = "chaos/zookeeper:" + Images.VERSION;
    /** How long a reconfig ZooKeeper refuses for now (one in progress, no quorum of the new config yet) is retried. */
    private static final Duration RECONFIG_PATIENCE = Duration.ofSeconds(20);

    private final Wiring wiring;
    private final ZooKeeperEnsemble zk;
    private final String baseConfig;
    /** Each node's current server id: j for nj at the start, a fresh one each time it is added back. */
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicInteger nextId;

    private ZooKeeperDockerCluster(TargetContext ctx, DockerLab lab, Wiring wiring, String baseConfig) {
        super(lab, ctx.nodes(), ctx.runDir(), ctx.log());
        this.wiring = wiring;
        this.zk = new ZooKeeperEnsemble(ctx.nodes(), wiring, ctx.linearizableReads());
        this.baseConfig = baseConfig;
        for (int j = 0; j < ctx.nodes().size(); j++) {
            ids.put(ctx.nodes().get(j), j + 1);
        }
        this.nextId = new AtomicInteger(ctx.nodes().size() + 1);
    }

    static ZooKeeperDockerCluster start(TargetContext ctx, DockerLab lab) throws Exception {
        if (!ctx.spares().isEmpty()) {
            throw new IllegalArgumentException("zookeeper on docker cannot hold " + ctx.spares() + " out of the initial ensemble"
                    + " (a spare for add-member); expand an etcd cluster, or add a node that was removed first");
        }
        List<String> nodes = ctx.nodes();
        String base = ZooKeeperCluster.baseConfig("/data", ZooKeeperCluster.CLIENT_PORT).append("quorumListenOnAllIPs=true\n")
                .toString().replace("reconfigEnabled=false", "reconfigEnabled=true\nskipACL=yes");
        ZooKeeperDockerCluster c = new ZooKeeperDockerCluster(ctx, lab, ctx.wire(ZooKeeperCluster.PLAN), base);
        StringBuilder cfg = new StringBuilder(base);
        for (int j = 0; j < nodes.size(); j++) {
            cfg.append(serverLine(j + 1, nodes.get(j))).append('\n');
        }
        List<DockerLab.NodeSpec> specs = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            specs.add(spec(nodes.get(i), cfg.toString(), i + 1));
        }
        lab.startNodes(specs);
        Readiness.awaitOneLeader("zookeeper", nodes, c.zk::modes, lab::running, n -> lab.logTail(n, 20), ctx.startTimeoutMs(), ctx.log());
        c.zk.createParents(nodes.get(0));
        return c;
    }

    /** A server's line in the membership; every server reads it the same, each reaching {@code node} through its own link. */
    static String serverLine(int id, String node) {
        return "server." + id + "=" + node + ":" + ZooKeeperCluster.QUORUM_PORT + ":" + ZooKeeperCluster.ELECTION_PORT + ":participant";
    }

    private static DockerLab.NodeSpec spec(String node, String config, int myid) {
        // zoo.cfg only on the container's first start: later starts keep what reconfig made of it
        String script = "mkdir -p /conf /data; [ -f /conf/zoo.cfg ] || printf '%s' \"$ZOO_CFG\" > /conf/zoo.cfg; "
                + "[ -f /data/myid ] || echo \"$ZOO_MY_ID\" > /data/myid; "
                + "exec java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dzookeeper.jmx.log4j.disable=true "
                + "-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS "
                + "-cp '/opt/chaos/lib/*' org.apache.zookeeper.server.quorum.QuorumPeerMain /conf/zoo.cfg";
        return new DockerLab.NodeSpec(node, IMAGE, List.of("sh", "-c", script), List.of(),
                Map.of("ZOO_CFG", config, "ZOO_MY_ID", Integer.toString(myid)));
    }

    /**
     * {@code reconfig -remove <id>} through another serving server, then stops the node's container.
     * The remaining servers count their quorum without it; a removed leader hands over first.
     */
    @Override
    public String removeMember(String node) throws Exception {
        Integer id = ids.get(node);
        if (id == null) {
            throw new IllegalStateException(node + " is not a member of the ensemble");
        }
        reconfig(serving(node), null, Integer.toString(id));
        ids.remove(node);
        lab.stop(node, Duration.ofSeconds(10));
        log.accept("zookeeper: server." + id + " (" + node + ") removed by reconfig");
        return Integer.toString(id);
    }

    /**
     * Adds the node back under a new server id with empty data: its container is created again with
     * the ensemble's current membership plus itself, started (it syncs from the leader as a
     * non-voting learner), and then {@code reconfig -add server.<id>=<node>:2888:3888} makes it a
     * voting participant. A node still in the membership is removed first.
     */
    @Override
    public String addMember(String node) throws Exception {
        if (ids.containsKey(node)) {
            removeMember(node);
        } else if (lab.running(node)) {
            lab.stop(node, Duration.ofSeconds(10));
        }
        String via = serving(node);
        int id = nextId.getAndIncrement();
        StringBuilder cfg = new StringBuilder(baseConfig);
        for (String line : currentConfig(via).split("\n")) {
            if (line.startsWith("server.")) {
                cfg.append(line).append('\n');
            }
        }
        String mine = serverLine(id, node) + ";" + ZooKeeperCluster.CLIENT_PORT;
        cfg.append(mine).append('\n');
        recreateEmpty(spec(node, cfg.toString(), id));
        lab.start(node);
        reconfig(via, mine, null);
        ids.put(node, id);
        log.accept("zookeeper: server." + id + " (" + node + ") added by reconfig, empty");
        return Integer.toString(id);
    }

    /** The membership as a serving server has it ({@code /zookeeper/config}). */
    private String currentConfig(String via) throws Exception {
        try (ZooKeeperAdmin admin = admin(via)) {
            return new String(admin.getConfig(false, new Stat()), StandardCharsets.UTF_8);
        }
    }

    private void reconfig(String via, String joining, String leaving) throws Exception {
        long deadline = System.nanoTime() + RECONFIG_PATIENCE.toNanos();
        while (true) {
            try (ZooKeeperAdmin admin = admin(via)) {
                admin.reconfigure(joining, leaving, null, -1, new Stat());
                return;
            } catch (KeeperException.NewConfigNoQuorum | KeeperException.ReconfigInProgress | KeeperException.ConnectionLossException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private ZooKeeperAdmin admin(String via) throws Exception {
        return new ZooKeeperAdmin(wiring.direct(via), ZooKeeperEnsemble.SESSION_TIMEOUT_MS, e -> { });
    }

    /** A serving server other than {@code node}, to reconfigure through. */
    private String serving(String node) {
        for (String n : nodes) {
            if (!n.equals(node) && ids.containsKey(n) && healthy(n)) {
                return n;
            }
        }
        throw new IllegalStateException("no serving server besides " + node + " to reconfigure through");
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
