package dev.chaos.sut.zookeeper;

import dev.chaos.backend.local.LocalLab;
import dev.chaos.cluster.ClockControl;
import dev.chaos.cluster.LabCluster;
import dev.chaos.cluster.LinkPlan;
import dev.chaos.cluster.TargetContext;
import dev.chaos.cluster.Wipeable;
import dev.chaos.cluster.Wiring;
import dev.chaos.cluster.NodeProcess;
import dev.chaos.cluster.Readiness;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;

/**
 * Real ZooKeeper servers as local processes, every peer link through its own proxy.
 *
 * <p>Every {@code zoo.cfg} names the servers by host name ({@code server.2=n2:<quorum>:<election>}),
 * and each node's JVM resolves those names through a hosts file of its own
 * ({@code -Djdk.net.hosts.file}): its own name to 127.0.0.1, where it listens, and every peer j to
 * {@code 127.0.i.j}, where its links {@code ni-to-nj-0} (quorum) and {@code ni-to-nj-1} (election)
 * listen at j's real ports. Names, not addresses, matter: in its election handshake a ZooKeeper
 * server tells its peers its own election address, and a peer with a higher id connects back to
 * that address. With plain addresses that connection went straight to the node, around the
 * proxies, and election messages crossed every partition (seen in runs: majority nodes kept
 * following the cut-off leader). With names, the connect-back resolves in the peer's own hosts
 * file to the peer's own link. Clients reach node i through {@code client-to-ni}; the convergence
 * probe reads each server directly.
 *
 * <p>Timing is tightened for tests (tick 200 ms: a follower that hears nothing from the leader for
 * 2 s drops out; sessions time out after 4 s) so failover happens within seconds.
 */
public final class ZooKeeperCluster extends LabCluster implements ZooKeeperNodes, Wipeable, ClockControl {

    static final int TICK_MS = 200;
    /** Client, quorum and election ports: the real ones on docker; on local they name the roles. */
    static final int CLIENT_PORT = 2181;
    static final int QUORUM_PORT = 2888;
    static final int ELECTION_PORT = 3888;
    static final LinkPlan PLAN = LinkPlan.of(CLIENT_PORT, List.of(QUORUM_PORT, ELECTION_PORT));

    private final LocalLab lab;
    private final Wiring wiring;
    private final ZooKeeperEnsemble zk;
    private final Map<String, Path> dataDirs = new LinkedHashMap<>();

    private ZooKeeperCluster(LocalLab lab, Wiring wiring, List<String> nodes, boolean syncReads, Consumer<String> log) {
        super(lab, nodes, log);
        this.lab = lab;
        this.wiring = wiring;
        this.zk = new ZooKeeperEnsemble(nodes, wiring, syncReads);
    }

    /**
     * Creates the links, writes every node's configuration, starts the servers and waits until all
     * serve (leader or follower) and the workload's parent znodes exist.
     */
    static ZooKeeperCluster start(TargetContext ctx, LocalLab lab) throws Exception {
        List<String> nodes = ctx.nodes();
        Wiring w = ctx.wire(PLAN);
        ZooKeeperCluster c = new ZooKeeperCluster(lab, w, nodes, ctx.linearizableReads(), ctx.log());
        for (int i = 0; i < nodes.size(); i++) {
            String n = nodes.get(i);
            Path dir = lab.nodeDir(n);
            Path data = Files.createDirectories(dir.resolve("data"));
            Files.writeString(data.resolve("myid"), Integer.toString(i + 1));
            c.dataDirs.put(n, data);
            StringBuilder cfg = baseConfig(data.toString(), w.clientPort(n))
                    .append("clientPortAddress=127.0.0.1\n")
                    .append("electionPortBindRetry=10\n");
            StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
            for (int j = 0; j < nodes.size(); j++) {
                String m = nodes.get(j);
                // every server by name; the name resolves, in node n's JVM only, to n's own link to it
                cfg.append("server.").append(j + 1).append('=').append(m).append(':').append(w.port(m, QUORUM_PORT))
                        .append(':').append(w.port(m, ELECTION_PORT)).append('\n');
                hosts.append(m.equals(n) ? "127.0.0.1" : w.peerHost(n, m)).append(' ').append(m).append('\n');
            }
            Path hostsFile = dir.resolve("hosts");
            Files.writeString(hostsFile, hosts.toString());
            Path cfgFile = dir.resolve("zoo.cfg");
            Files.writeString(cfgFile, cfg.toString());
            lab.startNode(n, List.of(NodeProcess.javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Dzookeeper.jmx.log4j.disable=true",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                    "-Djdk.net.hosts.file=" + hostsFile.toAbsolutePath(), dev.chaos.cluster.LocalLeftovers.ownerFlag(),
                    "-cp", System.getProperty("java.class.path"),
                    "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfgFile.toAbsolutePath().toString()));
        }
        Readiness.awaitOneLeader("zookeeper", nodes, c.zk::modes, lab::running, n -> lab.logTail(n, 20), ctx.startTimeoutMs(), ctx.log());
        c.zk.createParents(nodes.get(0));
        return c;
    }

    /**
     * The zoo.cfg lines both backends share: timing tightened for tests, the admin server off, the
     * four-letter words the probes use, a fixed ensemble. Each backend adds its addresses and servers.
     */
    static StringBuilder baseConfig(String dataDir, int clientPort) {
        return new StringBuilder()
                .append("tickTime=").append(TICK_MS).append('\n')
                .append("initLimit=25\nsyncLimit=10\n")
                .append("dataDir=").append(dataDir).append('\n')
                .append("clientPort=").append(clientPort).append('\n')
                .append("maxSessionTimeout=").append(ZooKeeperEnsemble.SESSION_TIMEOUT_MS).append('\n')
                .append("admin.enableServer=false\n")
                .append("4lw.commands.whitelist=srvr,ruok,mntr,stat\n")
                .append("standaloneEnabled=false\nreconfigEnabled=false\n");
    }

    /** Deletes everything in the stopped node's data directory but {@code myid}: it syncs a snapshot from the leader. */
    @Override
    public void wipe(String node) throws IOException {
        if (lab.running(node)) {
            throw new IllegalStateException(node + " is running; stop it before wiping it");
        }
        Path data = dataDirs.get(node);
        try (var entries = Files.list(data)) {
            for (Path e : entries.toList()) {
                if (!e.getFileName().toString().equals("myid")) {
                    dev.chaos.cluster.Directories.deleteTree(e);
                }
            }
        }
        log.accept("wiped " + data + " (kept myid)");
    }

    /** ADDRESS (its own client port), CLIENT (the client link), PID (of the server's JVM, -1 when down), DATA (its dataDir). */
    @Override
    public Map<String, String> describe(String node) {
        Map<String, String> m = lab.describe(node, wiring);
        m.put("DATA", dataDirs.get(node).toString());
        return m;
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
