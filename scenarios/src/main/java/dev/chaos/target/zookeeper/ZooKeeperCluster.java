package dev.chaos.target.zookeeper;

import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.NodeProcess;
import dev.chaos.cluster.Readiness;
import dev.chaos.nemesis.LinkFaults;
import dev.chaos.nemesis.LinkTopology;
import dev.chaos.workload.Client;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
public final class ZooKeeperCluster implements Cluster {

    static final int TICK_MS = 200;
    static final int SESSION_TIMEOUT_MS = 4000;

    private final List<String> nodes;
    private final Map<String, Integer> clientPorts;
    private final Map<String, String> clientLinks = new LinkedHashMap<>();
    private final Map<String, NodeProcess> processes = new LinkedHashMap<>();
    private final Map<String, Path> dataDirs = new LinkedHashMap<>();
    private final Map<String, ZooKeeperClient> probes = new ConcurrentHashMap<>();
    private final boolean syncReads;
    private final Consumer<String> log;

    private ZooKeeperCluster(List<String> nodes, Map<String, Integer> clientPorts, boolean syncReads, Consumer<String> log) {
        this.nodes = List.copyOf(nodes);
        this.clientPorts = clientPorts;
        this.syncReads = syncReads;
        this.log = log;
    }

    /**
     * Creates the links, writes every node's configuration, starts the servers and waits until all
     * serve (leader or follower) and the workload's parent znodes exist.
     */
    public static ZooKeeperCluster start(List<String> nodes, Path runDir, LinkFaults links, boolean syncReads,
                                         long startTimeoutMs, Consumer<String> log) throws Exception {
        Map<String, Integer> clientPorts = new LinkedHashMap<>();
        Map<String, List<Integer>> peerPorts = new LinkedHashMap<>();
        // The nodes' ports stay reserved while the proxies take their own ephemeral ports, so no proxy
        // can be handed a port a node is about to bind.
        List<ServerSocket> reserved = new ArrayList<>();
        Map<String, String> listen;
        LinkTopology topology;
        try {
            for (String n : nodes) {
                int[] p = new int[3];
                for (int k = 0; k < 3; k++) {
                    ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                    reserved.add(s);
                    p[k] = s.getLocalPort();
                }
                clientPorts.put(n, p[0]);
                peerPorts.put(n, List.of(p[1], p[2]));
            }
            topology = new LinkTopology(nodes, peerPorts, clientPorts, "127.0.0.1", true);
            listen = links.create(topology);
        } finally {
            for (ServerSocket s : reserved) {
                s.close();
            }
        }
        ZooKeeperCluster c = new ZooKeeperCluster(nodes, clientPorts, syncReads, log);
        for (String n : nodes) {
            c.clientLinks.put(n, listen.get(LinkTopology.clientProxyName(n)));
        }
        Files.createDirectories(runDir.resolve("nodes"));
        for (int i = 0; i < nodes.size(); i++) {
            String n = nodes.get(i);
            Path dir = runDir.resolve("nodes").resolve(n);
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("data").resolve("myid"), Integer.toString(i + 1));
            c.dataDirs.put(n, dir.resolve("data").toAbsolutePath());
            StringBuilder cfg = baseConfig(dir.resolve("data").toAbsolutePath().toString(), clientPorts.get(n))
                    .append("clientPortAddress=127.0.0.1\n")
                    .append("electionPortBindRetry=10\n");
            StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
            for (int j = 0; j < nodes.size(); j++) {
                String m = nodes.get(j);
                // every server by name; the name resolves, in node n's JVM only, to n's own link to it
                cfg.append("server.").append(j + 1).append('=').append(m).append(':').append(peerPorts.get(m).get(0))
                        .append(':').append(peerPorts.get(m).get(1)).append('\n');
                hosts.append(m.equals(n) ? "127.0.0.1" : topology.pairHost(n, m)).append(' ').append(m).append('\n');
            }
            Path hostsFile = dir.resolve("hosts");
            Files.writeString(hostsFile, hosts.toString());
            Path cfgFile = dir.resolve("zoo.cfg");
            Files.writeString(cfgFile, cfg.toString());
            List<String> cmd = new ArrayList<>(List.of(NodeProcess.javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Dzookeeper.jmx.log4j.disable=true",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                    "-Djdk.net.hosts.file=" + hostsFile.toAbsolutePath(), dev.chaos.cluster.LocalLeftovers.ownerFlag(),
                    "-cp", System.getProperty("java.class.path"),
                    "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfgFile.toAbsolutePath().toString()));
            NodeProcess p = new NodeProcess(n, cmd, dir, runDir.resolve("nodes").resolve(n + ".log"));
            c.processes.put(n, p);
        }
        for (NodeProcess p : c.processes.values()) {
            p.start();
        }
        c.awaitServing(startTimeoutMs);
        c.createParents();
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
                .append("maxSessionTimeout=").append(SESSION_TIMEOUT_MS).append('\n')
                .append("admin.enableServer=false\n")
                .append("4lw.commands.whitelist=srvr,ruok,mntr,stat\n")
                .append("standaloneEnabled=false\nreconfigEnabled=false\n");
    }

    private void awaitServing(long timeoutMs) throws Exception {
        Readiness.awaitOneLeader("zookeeper", nodes, this::modes, n -> processes.get(n).alive(),
                n -> "(" + processes.get(n).log() + ")\n" + processes.get(n).logTail(20), timeoutMs, log);
    }

    /** Each node's role from the {@code srvr} four-letter command ("leader", "follower", or "down"). */
    public Map<String, String> modes() {
        return modes(nodes, n -> "127.0.0.1:" + clientPorts.get(n));
    }

    /** Each node's role from {@code srvr} at the node's client address. */
    static Map<String, String> modes(List<String> nodes, java.util.function.Function<String, String> hostPort) {
        Map<String, String> modes = new TreeMap<>();
        for (String n : nodes) {
            String at = hostPort.apply(n);
            int colon = at.lastIndexOf(':');
            String mode = "down";
            for (String line : fourLetter(at.substring(0, colon), Integer.parseInt(at.substring(colon + 1)), "srvr").split("\n")) {
                if (line.startsWith("Mode: ")) {
                    mode = line.substring(6).trim();
                }
            }
            modes.put(n, mode);
        }
        return modes;
    }

    static String fourLetter(String host, int port, String cmd) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(cmd.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void createParents() throws Exception {
        createParents("127.0.0.1:" + clientPorts.get(nodes.get(0)));
    }

    static void createParents(String connect) throws Exception {
        try (ZooKeeperClient c = new ZooKeeperClient(connect, SESSION_TIMEOUT_MS, false)) {
            for (String path : List.of(ZooKeeperClient.SET, ZooKeeperClient.REG)) {
                try {
                    c.handle().create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                } catch (KeeperException.NodeExistsException e) {
                    // a restart of the same data
                }
            }
        }
    }

    @Override
    public List<String> nodes() {
        return nodes;
    }

    @Override
    public Client openClient(String node) throws Exception {
        return new ZooKeeperClient(clientLinks.get(node), SESSION_TIMEOUT_MS, syncReads);
    }

    @Override
    public Object localRead(String node, String workload) throws Exception {
        return ZooKeeperProbes.read(probes, node, "127.0.0.1:" + clientPorts.get(node), workload);
    }

    @Override
    public String leader() {
        return modes().entrySet().stream().filter(e -> e.getValue().equals("leader")).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    @Override
    public void kill(String node) {
        processes.get(node).kill();
    }

    @Override
    public void restart(String node) throws IOException {
        processes.get(node).start();
    }

    /** SIGTERM, then up to 30 s for the server to exit (SIGKILL after that). */
    @Override
    public void stop(String node) {
        if (!processes.get(node).stop(30_000)) {
            log.accept(node + " did not exit within 30 s of SIGTERM; killed");
        }
    }

    @Override
    public void start(String node) throws IOException {
        processes.get(node).start();
    }

    /** Deletes everything in the stopped node's data directory but {@code myid}: it syncs a snapshot from the leader. */
    @Override
    public void wipe(String node) throws IOException {
        if (processes.get(node).alive()) {
            throw new IllegalStateException(node + " is running; stop it before wiping it");
        }
        Path data = dataDirs.get(node);
        try (var entries = Files.list(data)) {
            for (Path e : entries.toList()) {
                if (!e.getFileName().toString().equals("myid")) {
                    deleteTree(e);
                }
            }
        }
        log.accept("wiped " + data + " (kept myid)");
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (var entries = Files.list(p)) {
                for (Path e : entries.toList()) {
                    deleteTree(e);
                }
            }
        }
        Files.delete(p);
    }

    @Override
    public boolean healthy(String node) {
        return serving(fourLetter("127.0.0.1", clientPorts.get(node), "srvr"));
    }

    /** Whether a {@code srvr} answer says the server is a leader or a follower. */
    static boolean serving(String srvr) {
        for (String line : srvr.split("\n")) {
            if (line.startsWith("Mode: ")) {
                String mode = line.substring(6).trim();
                return mode.equals("leader") || mode.equals("follower");
            }
        }
        return false;
    }

    /** ADDRESS (its own client port), CLIENT (the client link), PID (of the server's JVM, -1 when down), DATA (its dataDir). */
    @Override
    public Map<String, String> describe(String node) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ADDRESS", "127.0.0.1:" + clientPorts.get(node));
        m.put("CLIENT", clientLinks.get(node));
        m.put("PID", Long.toString(processes.get(node).pid()));
        m.put("DATA", dataDirs.get(node).toString());
        return m;
    }

    @Override
    public void pause(String node) throws IOException {
        processes.get(node).pause();
    }

    @Override
    public void resume(String node) throws IOException {
        processes.get(node).resume();
    }

    /** Process ids of the servers, for tests that prove teardown. */
    public Map<String, Long> pids() {
        Map<String, Long> out = new TreeMap<>();
        processes.forEach((n, p) -> out.put(n, p.pid()));
        return out;
    }

    public Map<String, Integer> clientPorts() {
        return clientPorts;
    }

    @Override
    public void close() {
        probes.values().forEach(ZooKeeperClient::close);
        probes.clear();
        processes.values().parallelStream().forEach(NodeProcess::kill);
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
