package dev.chaos.targetfile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.cluster.HealthProbe;
import dev.chaos.cluster.Lab;
import dev.chaos.cluster.LabCluster;
import dev.chaos.cluster.Leader;
import dev.chaos.cluster.TargetContext;
import dev.chaos.cluster.Wipeable;
import dev.chaos.cluster.Wiring;
import dev.chaos.workload.Client;
import dev.chaos.workload.Workload;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The running cluster of a {@link FileTarget}: clients through each node's client link, readiness,
 * the leader probe and the convergence probe to each node's own address, and kill, pause,
 * stop/start through the lab (containers or processes, {@link LabCluster}) and wipe as the backend
 * does it ({@link FileNodes}); which of those a scenario may use is what the file's {@code control}
 * allows ({@link FileTarget#capabilities}).
 */
public class FileCluster extends LabCluster implements HealthProbe, Wipeable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Wiring wiring;
    private final TargetFile file;
    private final FileNodes host;
    private final boolean serializableReads;
    private final HttpClient http = Http.client();

    FileCluster(TargetContext ctx, Lab lab, Wiring wiring, TargetFile file, FileNodes host) {
        super(lab, ctx.nodes(), ctx.log());
        this.wiring = wiring;
        this.file = file;
        this.host = host;
        this.serializableReads = !ctx.linearizableReads();
    }

    /** The file's cluster when it has a leader probe. */
    public static final class WithLeader extends FileCluster implements Leader {

        WithLeader(TargetContext ctx, Lab lab, Wiring wiring, TargetFile file, FileNodes host) {
            super(ctx, lab, wiring, file, host);
        }

        /** The first node, in order, whose leader probe says yes; null when none does. */
        @Override
        public String leader() {
            for (String n : nodes) {
                if (ask(file().leader(), n)) {
                    return n;
                }
            }
            return null;
        }
    }

    TargetFile file() {
        return file;
    }

    /** Polls every node's readiness until all pass; fails early when a node exits, late with every unready node's log. */
    void awaitReady(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        for (String n : nodes) {
            while (!healthy(n)) {
                if (!lab.running(n)) {
                    throw new IllegalStateException(file.source() + ": " + n + " exited during start-up; its log ends:\n"
                            + lab.logTail(n, 20));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(file.source() + ": ready: " + n + " was not ready within " + timeoutMs
                            + " ms (ready.timeout); its log ends:\n" + lab.logTail(n, 20));
                }
                Thread.sleep(200);
            }
        }
        log.accept(nodes.size() + " " + file.name() + " nodes ready");
    }

    @Override
    public Client openClient(String node, Workload workload) throws Exception {
        ClientSpec spec = file.clients().get(workload.name());
        if (spec == null) {
            throw new IllegalArgumentException("target " + file.name() + " has no client for workload " + workload.name());
        }
        String at = wiring.clientLink(node);
        return switch (spec.protocol()) {
            case HTTP, COMMAND -> new FileClient(spec, node, at, serializableReads);
            case RESP -> new RespClient(spec, node, at, serializableReads);
            case JDBC -> new JdbcClient(spec, node, at, serializableReads);
        };
    }

    @Override
    public Object localRead(String node, Workload workload) throws Exception {
        ClientSpec spec = file.clients().get(workload.name());
        return switch (spec.protocol()) {
            case HTTP, COMMAND -> FileClient.localRead(http, spec, node, index(node), wiring.direct(node));
            case RESP -> RespClient.localRead(spec, node, index(node), wiring.direct(node));
            case JDBC -> JdbcClient.localRead(spec, node, index(node), wiring.direct(node));
        };
    }

    /**
     * Runs each JDBC client's {@code setup} SQL once, on the first node, retrying for up to
     * {@code timeoutMs} (a cluster just ready may refuse DDL for a moment); past it, the last error.
     */
    void setup(long timeoutMs) throws InterruptedException {
        String first = nodes.get(0);
        for (ClientSpec spec : file.clients().values()) {
            if (spec.jdbc() == null || spec.jdbc().setup().isEmpty()) {
                continue;
            }
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            while (true) {
                try {
                    JdbcClient.setup(spec, first, wiring.direct(first));
                    log.accept(spec.workload() + " setup: " + spec.jdbc().setup().size() + " statements on " + first);
                    break;
                } catch (java.sql.SQLException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(file.source() + ": clients." + spec.workload() + ".jdbc.setup failed on " + first
                                + ": " + SqlOutcome.describe(e));
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    /** Its readiness probe passes now. */
    @Override
    public boolean healthy(String node) {
        return ask(file.ready(), node);
    }

    boolean ask(Probe p, String node) {
        try {
            return switch (p.kind()) {
                case TCP -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(wiring.host(node), wiring.clientPort(node)), 500);
                        yield true;
                    }
                }
                case COMMAND -> host.probe(node, p.command().stream().map(t -> t.render(vars(node))).toList()) == 0;
                case HTTP -> {
                    HttpResponse<String> r = Http.send(http, wiring.direct(node), p.http(), vars(node), PROBE_TIMEOUT);
                    yield p.status().contains(r.statusCode()) && (p.check() == null || p.check().test(JSON.readTree(r.body()), vars(node)));
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private Map<String, String> vars(String node) {
        return Map.of("node", node, "index", index(node), "address", wiring.direct(node));
    }

    private String index(String node) {
        return String.valueOf(nodes.indexOf(node) + 1);
    }

    @Override
    public Map<String, String> describe(String node) {
        return host.describe(node);
    }

    /** The stopped node comes back empty: docker creates its container again, local empties its data directory. */
    @Override
    public void wipe(String node) throws Exception {
        if (lab.running(node)) {
            throw new IllegalStateException(node + " is running; stop it before wiping it");
        }
        host.wipe(node);
    }

    @Override
    public void close() {
        http.close();
    }
}
