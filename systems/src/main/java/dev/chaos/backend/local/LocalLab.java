package dev.chaos.backend.local;

import dev.chaos.cluster.FakeClock;
import dev.chaos.cluster.Lab;
import dev.chaos.cluster.LinkPlan;
import dev.chaos.cluster.LinkTopology;
import dev.chaos.cluster.NodeProcess;
import dev.chaos.cluster.Wiring;
import dev.chaos.nemesis.LinkFaults;
import dev.chaos.proxy.ProxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One run on loopback: the proxy embedded in this JVM, nodes as OS processes, any command line.
 *
 * <p>Every node listens on 127.0.0.1 at ports of its own (the plan's port numbers name the roles;
 * the real ports are free ones, picked per node). The link i→j listens on {@code 127.0.i.j} at j's
 * real port, so a target may name each peer by a host name that resolves, for node i only, to its
 * own link (a hosts file of node i's, from {@link Wiring#peerHost}), or configure the address directly
 * where peers are named by id. Client links listen on free ports of 127.0.0.1.
 */
public final class LocalLab implements Lab {

    private final List<String> nodes;
    private final Path runDir;
    private final Consumer<String> log;
    private final ProxyServer proxy;
    private final LinkFaults links;
    private final Map<String, NodeProcess> processes = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile LinkTopology wired;
    /** libfaketime, once {@link #controlClocks} was called: nodes started after that run under it. */
    private volatile Path fakeClock;

    LocalLab(List<String> nodes, Path runDir, ProxyServer proxy, Consumer<String> log) {
        this.nodes = List.copyOf(nodes);
        this.runDir = runDir;
        this.proxy = proxy;
        this.links = new LinkFaults(proxy.apiAddress());
        this.log = log;
    }

    @Override
    public String backend() {
        return "local";
    }

    @Override
    public List<String> nodes() {
        return nodes;
    }

    @Override
    public LinkTopology topology() {
        return wired;
    }

    @Override
    public String proxyApi() {
        return proxy.apiAddress();
    }

    /** Where the links {@code from → to} listen: {@code 127.0.i.j}. */
    private String pairHost(String from, String to) {
        return "127.0." + (nodes.indexOf(from) + 1) + "." + (nodes.indexOf(to) + 1);
    }

    /** Node ports are drawn from here (see {@link #reservePort}). */
    static final int PORT_FLOOR = 20_000;
    static final int PORT_SPAN = 12_000;

    /**
     * A free port of 127.0.0.1 for a node, held until the links exist. Drawn at random below Linux's
     * ephemeral range (32768-60999): there {@code bind(0)} hands out recently freed ports in order, so
     * two runs starting at once on one machine picked the same port for their first node (one
     * run's link then could not listen: "Address already in use"). The node binds the port itself
     * seconds later, so a reservation cannot close that window; a random draw from 12,000 ports
     * makes sharing it unlikely.
     */
    static ServerSocket reservePort() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = PORT_FLOOR + java.util.concurrent.ThreadLocalRandom.current().nextInt(PORT_SPAN);
            ServerSocket s = new ServerSocket();
            try {
                s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return s;
            } catch (IOException taken) {
                s.close();
                last = taken;
            }
        }
        throw new IOException("no free port of 127.0.0.1 in " + PORT_FLOOR + "-" + (PORT_FLOOR + PORT_SPAN - 1) + " after 200 tries", last);
    }

    /**
     * Picks every node's real ports and creates the links. The ports stay bound while the proxy
     * takes its own ephemeral ones, so no link can be handed a port a node is about to bind.
     */
    @Override
    public Wiring wire(LinkPlan plan) throws IOException {
        List<Integer> planned = new ArrayList<>();
        planned.add(plan.clientPort());
        for (int p : plan.peerPorts()) {
            if (!planned.contains(p)) {
                planned.add(p);
            }
        }
        if (plan.clientPairPort() != null) {
            throw new IllegalArgumentException("the local backend has no pair client links; run this target with --backend docker");
        }
        Map<String, Map<Integer, Integer>> ports = new LinkedHashMap<>();
        List<ServerSocket> reserved = new ArrayList<>();
        try {
            for (String n : nodes) {
                Map<Integer, Integer> mine = new LinkedHashMap<>();
                for (int p : planned) {
                    ServerSocket s = reservePort();
                    reserved.add(s);
                    mine.put(p, s.getLocalPort());
                }
                ports.put(n, mine);
            }
            LinkTopology.Addresses at = new LinkTopology.Addresses() {
                @Override
                public String host(String node) {
                    return "127.0.0.1";
                }

                @Override
                public int port(String node, int p) {
                    Integer real = ports.get(node).get(p);
                    if (real == null) {
                        throw new IllegalArgumentException("port " + p + " is not in the plan " + planned);
                    }
                    return real;
                }

                @Override
                public String peerListen(String from, String to, int port) {
                    return pairHost(from, to) + ":" + port;
                }

                @Override
                public String clientListen(String node, int port) {
                    return "127.0.0.1:0";
                }
            };
            LinkTopology topology = LinkTopology.of(nodes, plan, at);
            Wiring w = new Wiring(topology, links.create(topology), at, plan);
            wired = topology;
            return w;
        } finally {
            for (ServerSocket s : reserved) {
                s.close();
            }
        }
    }

    /** {@code nodes/<node>/} of the run directory: the node's working directory (created). */
    public Path nodeDir(String node) throws IOException {
        return Files.createDirectories(runDir.resolve("nodes").resolve(node)).toAbsolutePath();
    }

    /**
     * Starts the node as an OS process; its output goes to {@code nodes/<node>.log}. After
     * {@link #controlClocks} it runs under libfaketime, reading its offset from {@code clock/<node>/offset}.
     */
    public void startNode(String node, List<String> command) throws IOException {
        startNode(node, command, Map.of(), false);
    }

    /**
     * As {@link #startNode(String, List)}, with {@code env} added to its environment; with
     * {@code group}, as a process group of its own whose every process each signal reaches
     * ({@link NodeProcess}): for a command that is a shell or a launcher, not chaos' own JVM.
     */
    public void startNode(String node, List<String> command, Map<String, String> env, boolean group) throws IOException {
        Path lib = fakeClock;
        Map<String, String> all = new LinkedHashMap<>(env);
        if (lib != null) {
            Path dir = clockDir(node);
            if (!Files.exists(dir.resolve(FakeClock.FILE))) {
                FakeClock.write(dir, Duration.ZERO);
            }
            all.putAll(FakeClock.environment(lib.toString(), dir.toString()));
        }
        NodeProcess p = new NodeProcess(node, command, all, nodeDir(node), runDir.resolve("nodes").resolve(node + ".log"), group);
        processes.put(node, p);
        p.start();
    }

    /** {@code clock/<node>/} of the run directory: the node's offset file. */
    private Path clockDir(String node) {
        return runDir.resolve("clock").resolve(node).toAbsolutePath();
    }

    /**
     * Nodes started from now on preload this machine's libfaketime. Without it this fails before
     * any node starts: a clock fault on nodes that cannot see it would prove nothing.
     */
    @Override
    public void controlClocks() throws IOException {
        Path lib = FakeClock.localLibrary();
        if (lib == null) {
            throw new IllegalStateException("clock faults on the local backend need libfaketime, which is not installed: "
                    + FakeClock.INSTALL_HINT);
        }
        for (String n : nodes) {
            FakeClock.write(clockDir(n), Duration.ZERO);
        }
        fakeClock = lib;
        log.accept("local: node clocks faked with " + lib + " (offsets in " + runDir.resolve("clock") + ")");
    }

    @Override
    public Long clockOffsetSeen(String node) throws IOException, InterruptedException {
        Path lib = fakeClock;
        if (lib == null) {
            return null;
        }
        ProcessBuilder pb = new ProcessBuilder(FakeClock.PROBE).redirectErrorStream(true);
        pb.environment().putAll(FakeClock.environment(lib.toString(), clockDir(node).toString()));
        long before = System.currentTimeMillis();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return FakeClock.offsetSeen(out, before, System.currentTimeMillis());
    }

    @Override
    public void setClockOffset(String node, Duration offset) throws IOException {
        if (fakeClock == null) {
            throw new IllegalStateException("node clocks are not faked in this run (controlClocks was not called)");
        }
        FakeClock.write(clockDir(node), offset);
    }

    private NodeProcess process(String node) {
        NodeProcess p = processes.get(node);
        if (p == null) {
            throw new IllegalArgumentException("no node " + node + " was started in this lab");
        }
        return p;
    }

    /** The node's process id, -1 when it is down. */
    public long pid(String node) {
        return process(node).pid();
    }

    /**
     * What every local node's description starts with (a mutable map; the cluster adds its own):
     * ADDRESS (its own client port), CLIENT (its client link), PID (-1 when it is down).
     */
    public Map<String, String> describe(String node, Wiring wiring) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ADDRESS", wiring.direct(node));
        m.put("CLIENT", wiring.clientLink(node));
        m.put("PID", Long.toString(pid(node)));
        return m;
    }

    @Override
    public void kill(String node) {
        process(node).kill();
    }

    @Override
    public void start(String node) throws IOException {
        process(node).start();
    }

    @Override
    public boolean stop(String node, Duration grace) {
        return process(node).stop(grace.toMillis());
    }

    @Override
    public void pause(String node) throws IOException {
        process(node).pause();
    }

    @Override
    public void resume(String node) throws IOException {
        process(node).resume();
    }

    @Override
    public boolean running(String node) {
        return process(node).alive();
    }

    @Override
    public String logTail(String node, int lines) {
        return "(" + process(node).log() + ")\n" + process(node).logTail(lines);
    }

    /** Nothing to copy: the nodes write their logs into the run directory. */
    @Override
    public void collectLogs(Path dir) {
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        processes.values().parallelStream().forEach(NodeProcess::kill);
        proxy.close();
        log.accept("local: stopped " + processes.size() + " node processes and the embedded proxy");
    }
}
