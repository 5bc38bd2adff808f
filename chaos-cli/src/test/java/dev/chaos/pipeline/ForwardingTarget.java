package dev.chaos.pipeline;

import dev.chaos.backend.local.LocalLab;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Leader;
import dev.chaos.cluster.LinkPlan;
import dev.chaos.cluster.LocalLeftovers;
import dev.chaos.cluster.NodeProcess;
import dev.chaos.cluster.Target;
import dev.chaos.cluster.TargetContext;
import dev.chaos.cluster.Wiring;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.Values;
import dev.chaos.workload.Client;
import dev.chaos.workload.Workload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * A toy "primary-forwarding" system that exists only to prove the Target SPI: a target that lives
 * in test code (this one class plus one line in {@code META-INF/services/dev.chaos.cluster.Target},
 * nothing else changed) is found by {@link dev.chaos.cluster.Targets} and runs a scenario end to end
 * through {@link TestRun}, its peer links through the lab's proxies.
 *
 * <p>Every node is a real OS process running {@link #main}: a line protocol on its client port
 * ({@code ADD k e} → {@code OK}, {@code READ k} → {@code OK e1,e2,...}, {@code ALL} → every element).
 * Node n1 is the primary and holds the data in memory; every other node forwards each request to n1
 * over its own peer link to n1 (through the proxy, so a partition black-holes it and the forwarded
 * request times out after {@value #FORWARD_TIMEOUT_MS} ms with {@code ERR}). Its cluster is only
 * {@link Cluster} and {@link Leader} (the leader is always n1): no kill, pause or restart, since a
 * node's state is in memory.
 */
public final class ForwardingTarget implements Target {

    static final int CLIENT_PORT = 7000;
    static final int PEER_PORT = 7001;
    static final int FORWARD_TIMEOUT_MS = 1000;
    static final int CLIENT_TIMEOUT_MS = 3000;
    static final String PRIMARY = "n1";

    @Override
    public String name() {
        return "forwarding";
    }

    @Override
    public String description() {
        return "test-only toy: n1 holds a set in memory, the other nodes forward to it over their peer links";
    }

    @Override
    public List<String> backends() {
        return List.of("local");
    }

    @Override
    public List<String> workloads() {
        return List.of("set");
    }

    @Override
    public Class<? extends Cluster> clusterType(String backend) {
        return Net.class;
    }

    @Override
    public Cluster start(TargetContext ctx) throws Exception {
        LocalLab lab = (LocalLab) ctx.lab();
        Wiring w = ctx.wire(LinkPlan.of(CLIENT_PORT, List.of(PEER_PORT)));
        for (String n : ctx.nodes()) {
            String primary = n.equals(PRIMARY) ? "-" : w.peerHost(n, PRIMARY) + ":" + w.port(PRIMARY, PEER_PORT);
            lab.startNode(n, List.of(NodeProcess.javaBinary(), "-Xmx64m", "-XX:TieredStopAtLevel=1", LocalLeftovers.ownerFlag(),
                    "-cp", System.getProperty("java.class.path"), ForwardingTarget.class.getName(), n,
                    Integer.toString(w.port(n, CLIENT_PORT)), Integer.toString(w.port(n, PEER_PORT)), primary));
        }
        long deadline = System.currentTimeMillis() + ctx.startTimeoutMs();
        for (String n : ctx.nodes()) { // each client port accepts, and n1 answers through it
            while (true) {
                try {
                    request(w.direct(n), "READ s0");
                    break;
                } catch (IOException e) {
                    if (System.currentTimeMillis() > deadline || !lab.running(n)) {
                        throw new IllegalStateException(n + " does not serve: " + e + "\n" + lab.logTail(n, 20), e);
                    }
                    Thread.sleep(100);
                }
            }
        }
        ctx.log().accept("forwarding: " + ctx.nodes().size() + " nodes serve, primary " + PRIMARY);
        return new Net(ctx.nodes(), w);
    }

    /** One request on a fresh connection; the reply line, or IOException (also for {@code ERR}). */
    static String request(String hostPort, String line) throws IOException {
        return request(hostPort, line, FORWARD_TIMEOUT_MS);
    }

    static String request(String hostPort, String line, int timeoutMs) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), timeoutMs);
            s.setSoTimeout(timeoutMs);
            return exchange(s, line);
        }
    }

    static String exchange(Socket s, String line) throws IOException {
        PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
        out.println(line);
        String reply = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (reply == null || !reply.startsWith("OK")) {
            throw new IOException("reply " + reply);
        }
        return reply.substring(2).trim();
    }

    static List<Object> elements(String csv) {
        List<Long> out = new ArrayList<>();
        for (String e : csv.split(",")) {
            if (!e.isBlank()) {
                out.add(Long.parseLong(e.trim()));
            }
        }
        out.sort(null);
        return Values.list(out.toArray());
    }

    /** The started cluster: clients through the client links, probes direct, n1 the leader. */
    public static final class Net implements Cluster, Leader {
        private final List<String> nodes;
        private final Wiring w;

        Net(List<String> nodes, Wiring w) {
            this.nodes = List.copyOf(nodes);
            this.w = w;
        }

        @Override
        public List<String> nodes() {
            return nodes;
        }

        @Override
        public Client openClient(String node, Workload workload) {
            String at = w.clientLink(node);
            return new Client() {
                @Override
                public Op invoke(Op op) {
                    boolean add = op.f().equals("add");
                    String line = add ? "ADD " + op.key() + " " + op.value() : "READ " + op.key();
                    try {
                        String r = request(at, line, CLIENT_TIMEOUT_MS);
                        return done(op, OpType.OK, add ? op.value() : elements(r), null);
                    } catch (ConnectException e) { // refused: nothing was sent
                        return done(op, OpType.FAIL, null, e.toString());
                    } catch (IOException | RuntimeException e) { // timeout, reset, ERR: an add may have happened
                        return done(op, add ? OpType.INFO : OpType.FAIL, null, e.toString());
                    }
                }

                @Override
                public void close() {
                }
            };
        }

        private static Op done(Op inv, OpType type, Object value, String error) {
            return new Op(-1, -1, inv.process(), type, inv.f(), inv.key(), value, inv.node(), error, false);
        }

        @Override
        public Object localRead(String node, Workload workload) throws Exception {
            return elements(request(w.direct(node), "ALL", CLIENT_TIMEOUT_MS));
        }

        @Override
        public String leader() {
            return PRIMARY;
        }

        /** The lab stops the node processes. */
        @Override
        public void close() {
        }
    }

    // ---- the node process

    private static final Map<String, Set<Long>> DATA = new ConcurrentHashMap<>();

    /** A node: {@code <name> <client port> <peer port> <primary host:port | ->}. */
    public static void main(String[] args) throws Exception {
        String name = args[0];
        String primary = args[3].equals("-") ? null : args[3];
        InetAddress lo = InetAddress.getLoopbackAddress();
        ServerSocket clients = new ServerSocket(Integer.parseInt(args[1]), 50, lo);
        ServerSocket peers = new ServerSocket(Integer.parseInt(args[2]), 50, lo);
        Thread.ofPlatform().start(() -> accept(peers, primary));
        System.out.println(name + " serving on " + args[1] + (primary == null ? " as primary" : ", forwarding to " + primary));
        accept(clients, primary);
    }

    private static void accept(ServerSocket server, String primary) {
        while (true) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s, primary));
            } catch (IOException e) {
                System.out.println("accept: " + e);
            }
        }
    }

    private static void serve(Socket s, String primary) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
            for (String line; (line = in.readLine()) != null; ) {
                String reply;
                try {
                    reply = primary == null ? apply(line) : "OK " + request(primary, line);
                } catch (IOException | RuntimeException e) {
                    reply = "ERR " + e;
                }
                out.println(reply);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String apply(String line) {
        String[] p = line.trim().split(" ");
        return switch (p[0]) {
            case "ADD" -> {
                DATA.computeIfAbsent(p[1], k -> new ConcurrentSkipListSet<>()).add(Long.parseLong(p[2]));
                yield "OK";
            }
            case "READ" -> "OK " + join(DATA.getOrDefault(p[1], Set.of()));
            case "ALL" -> {
                List<Long> all = new ArrayList<>();
                DATA.values().forEach(all::addAll);
                yield "OK " + join(all);
            }
            default -> "ERR unknown " + p[0];
        };
    }

    private static String join(Iterable<Long> xs) {
        StringBuilder b = new StringBuilder();
        xs.forEach(x -> b.append(b.isEmpty() ? "" : ",").append(x));
        return b.toString();
    }
}
