package dev.chaos.api;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.Checker;
import dev.chaos.checker.CheckerCatalog;
import dev.chaos.cli.Version;
import dev.chaos.cluster.Backend;
import dev.chaos.cluster.Backends;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Lab;
import dev.chaos.cluster.Target;
import dev.chaos.cluster.Targets;
import dev.chaos.pipeline.ChaosTest;
import dev.chaos.pipeline.TestRun;
import dev.chaos.run.RunSpec;
import dev.chaos.scenario.Requirements;
import dev.chaos.scenario.Scenario;
import dev.chaos.scenario.ScenarioException;
import dev.chaos.scenario.ScenarioFiles;
import dev.chaos.targetfile.TargetFileException;
import dev.chaos.targetfile.TargetFiles;
import dev.chaos.workload.Workload;
import dev.chaos.workload.Workloads;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One chaos run, configured fluently and carried out by {@link #run}: the same run as
 * {@code chaos run}, with the same defaults (the scenario's values, else 5 nodes, 60 s, ...), through
 * the same pipeline ({@link TestRun}: scenario.json, the lab, the cluster, clients and nemesis,
 * final heal, teardown, checkers, reports). Start one with {@link Chaos#scenario}.
 *
 * <pre>{@code
 * Chaos.scenario("clean-split").target("zookeeper").nodes(5).seed(42).run().assertValid();
 * }</pre>
 *
 * <p>Bad values fail at once with an {@link IllegalArgumentException} naming the method and what
 * is allowed; a cluster that does not start fails {@link #run} with an {@link IllegalStateException}.
 * Everything a run starts is stopped when it ends, however it ends: normally, by an exception, or by
 * an interrupt of the calling thread (a JUnit time-out); and by the JVM's shutdown hook if the JVM
 * is stopped.
 */
public final class ChaosRun {

    private static final ScenarioFiles FILES = new ScenarioFiles(CheckerCatalog.names());

    private final Scenario defined;
    private Target target;
    private String backend;
    private Integer nodes;
    private Long seed;
    private Duration duration;
    private Double rate;
    private Integer concurrency;
    private String workload;
    private Duration opTimeout;
    private Duration convergeWithin;
    private Boolean syncReads;
    private Path runDir;
    private java.net.InetSocketAddress metricsAt;
    private PrintStream out = System.out;
    private Consumer<AutoCloseable> owner = c -> { };

    ChaosRun(Scenario defined) {
        this.defined = defined;
    }

    /** A built-in scenario by name ({@code chaos scenarios} lists them) or a scenario file. */
    static ChaosRun of(String nameOrFile) {
        Objects.requireNonNull(nameOrFile, "scenario");
        boolean file = nameOrFile.contains("/") || nameOrFile.contains("\\") || nameOrFile.endsWith(".yaml")
                || nameOrFile.endsWith(".yml");
        try {
            return new ChaosRun(file ? FILES.load(Path.of(nameOrFile)) : FILES.builtin(nameOrFile));
        } catch (ScenarioException e) {
            throw new IllegalArgumentException("scenario: " + e.getMessage(), e);
        }
    }

    /** A built-in target by name: {@code zookeeper} (the default), {@code etcd}, {@code redis}, or any on the class path. */
    public ChaosRun target(String name) {
        Objects.requireNonNull(name, "target");
        this.target = Targets.named(name).orElseThrow(() -> new IllegalArgumentException("target: unknown target '" + name
                + "'; found: " + Targets.names() + " (or pass a Target, e.g. an ImageTarget)"));
        return this;
    }

    /** A target defined in Java: an {@link ImageTarget}, or any {@link Target} implementation. */
    public ChaosRun target(Target t) {
        this.target = Objects.requireNonNull(t, "target");
        return this;
    }

    /**
     * A target file ({@code format: chaos-target/1}, docs/targets.md): image, ports, command, env,
     * readiness and an HTTP/JSON client per workload, as data; the same file {@code chaos run --target
     * FILE.yaml} takes.
     *
     * @throws IllegalArgumentException when the file cannot be read or is wrong, naming its line and field
     */
    public ChaosRun target(Path targetFile) {
        Objects.requireNonNull(targetFile, "target file");
        try {
            this.target = TargetFiles.load(targetFile);
        } catch (TargetFileException e) {
            throw new IllegalArgumentException("target: " + e.getMessage(), e);
        }
        return this;
    }

    /** The target's name as runs record it, once one is given; null before. */
    String targetName() {
        return target == null ? null : target.name();
    }

    /** {@code local} or {@code docker}; default: the target's first ({@code chaos targets} says which). */
    public ChaosRun backend(String name) {
        this.backend = Objects.requireNonNull(name, "backend");
        return this;
    }

    /** Cluster size, 3..9; default: the scenario's, else 5. */
    public ChaosRun nodes(int n) {
        if (n < 3 || n > 9) {
            throw new IllegalArgumentException("nodes: " + n + " is outside 3..9");
        }
        this.nodes = n;
        return this;
    }

    /** The seed of every random choice; default: the scenario's, else from the clock (printed, and in the result). */
    public ChaosRun seed(long s) {
        this.seed = s;
        return this;
    }

    /** Workload time, faults included, at least 10 s; the schedule is scaled to it. Default: the scenario's, else 60 s. */
    public ChaosRun duration(Duration d) {
        if (d == null || d.toMillis() < 10_000) {
            throw new IllegalArgumentException("duration: " + d + "; at least 10 s (warm-up, faults and recovery need time)");
        }
        this.duration = d;
        return this;
    }

    /** Client ops/s, all clients together, in (0, 100000]; default: the scenario's, else 100. */
    public ChaosRun rate(double opsPerSecond) {
        if (!(opsPerSecond > 0) || opsPerSecond > 100_000) {
            throw new IllegalArgumentException("rate: " + opsPerSecond + " must be > 0 and <= 100000 ops/s");
        }
        this.rate = opsPerSecond;
        return this;
    }

    /** Client processes, 1..1000; default: the scenario's, else 10. */
    public ChaosRun concurrency(int processes) {
        if (processes < 1 || processes > 1000) {
            throw new IllegalArgumentException("concurrency: " + processes + " is outside 1..1000");
        }
        this.concurrency = processes;
        return this;
    }

    /**
     * {@code set}, {@code cas-register} or {@code kv} (kv's options come from a scenario file's
     * {@code kv:} block, else its defaults), of those the target has clients for; default: the
     * scenario's, else set.
     */
    public ChaosRun workload(String name) {
        this.workload = Objects.requireNonNull(name, "workload");
        return this;
    }

    /** An op slower than this is indeterminate, at least 100 ms; default: the scenario's, else 5 s. */
    public ChaosRun opTimeout(Duration d) {
        if (d == null || d.toMillis() < 100) {
            throw new IllegalArgumentException("opTimeout: " + d + "; at least 100 ms");
        }
        this.opTimeout = d;
        return this;
    }

    /** The replicas must agree this soon after the final heal; default: the scenario's, else 60 s. */
    public ChaosRun convergeWithin(Duration d) {
        this.convergeWithin = Objects.requireNonNull(d, "convergeWithin");
        return this;
    }

    /** Linearizable reads (ZooKeeper's sync() first) or not; default: the scenario's, else on. */
    public ChaosRun syncReads(boolean on) {
        this.syncReads = on;
        return this;
    }

    /** The run directory; default: {@code runs/<scenario>-<target>-<UTC time>}. One that holds a run is refused. */
    public ChaosRun runDirectory(Path dir) {
        this.runDir = Objects.requireNonNull(dir, "runDirectory");
        return this;
    }

    /**
     * Serve the run's live Prometheus metrics at {@code http://HOST:PORT/metrics} while it goes, as
     * {@code chaos run --metrics} does (docs/metrics.md); port 0 picks a free one, printed with the
     * run's start line.
     *
     * @throws IllegalArgumentException when {@code hostPort} is not {@code HOST:PORT}
     */
    public ChaosRun metrics(String hostPort) {
        try {
            this.metricsAt = dev.chaos.metrics.MetricsServer.parseAddress(Objects.requireNonNull(hostPort, "metrics"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("metrics: " + e.getMessage(), e);
        }
        return this;
    }

    /** Where the run's start and end lines go (default {@code System.out}); run.log has everything. */
    public ChaosRun printTo(PrintStream stream) {
        this.out = Objects.requireNonNull(stream, "printTo");
        return this;
    }

    /**
     * Hands every lab the run opens (its proxy, networks and nodes) to {@code owner} as well, so a
     * test framework can close it when the test ends, whatever the run's own thread is doing.
     * Closing a lab twice is harmless.
     */
    public ChaosRun closedBy(Consumer<AutoCloseable> labOwner) {
        this.owner = Objects.requireNonNull(labOwner, "closedBy");
        return this;
    }

    /**
     * Runs the scenario and checks the history.
     *
     * @return what it found; {@link ChaosResult#assertValid} to fail a test on a violation
     * @throws IllegalArgumentException for a combination that cannot run (a workload the target has
     *                                  no client for, a fault it cannot take), before anything starts
     * @throws IllegalStateException    when the cluster did not start, or the run was interrupted
     *                                  (after everything it started was stopped)
     */
    public ChaosResult run() {
        Target sut = target != null ? target : Targets.named("zookeeper").orElseThrow();
        String where = backend != null ? backend : sut.backends().get(0);
        if (!sut.backends().contains(where)) {
            throw new IllegalArgumentException("backend: target " + sut.name() + " runs on " + String.join(" or ", sut.backends())
                    + ", not '" + where + "'");
        }
        Backend base = Backends.named(where).orElseThrow(() -> new IllegalArgumentException("backend: unknown backend '" + where
                + "'; found: " + Backends.names()));
        Scenario resolved;
        try {
            resolved = FILES.resolve(overridden(), w -> workloadNamed(w).checkers());
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!sut.workloads().contains(resolved.workload())) {
            throw new IllegalArgumentException("workload: scenario '" + resolved.name() + "' runs workload " + resolved.workload()
                    + ", but target " + sut.name() + " has clients for " + String.join(", ", sut.workloads())
                    + "; choose another with workload(...)");
        }
        String cannot = Requirements.unmet(resolved, sut.capabilities(where), sut.name());
        if (cannot != null) {
            throw new IllegalArgumentException(cannot + "; choose another scenario or target");
        }
        long s = seed != null ? seed : resolved.seed() != null ? resolved.seed() : System.currentTimeMillis();
        Scenario seeded = new Scenario(resolved.name(), resolved.description(), resolved.workload(), resolved.nodes(),
                resolved.rate(), resolved.concurrency(), resolved.duration(), resolved.opTimeout(), resolved.convergeWithin(),
                resolved.reads(), resolved.isolation(), s, resolved.schedule(), resolved.checkers(), resolved.slo(),
                resolved.procedure(), resolved.ramp(), resolved.kv()).withAlerts(resolved.alerts());
        Path dir = runDir != null ? runDir : Path.of("runs", resolved.name() + "-" + sut.name() + "-"
                + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")));
        if (Files.exists(dir.resolve("history.jsonl"))) {
            throw new IllegalArgumentException("runDirectory: " + dir + " already holds a run; choose another directory");
        }
        RunSpec rs = new RunSpec(seeded, sut.name(), where, s, dir);
        Workload w = Workloads.create(resolved.workload(), resolved.kv()).orElseThrow();
        CheckOptions options = CheckOptions.defaults().withConvergeWithin(resolved.convergeWithin()).withSlo(resolved.slo())
                .withModel(w.model());
        List<Checker> checkers = resolved.checkers().stream().map(name -> CheckerCatalog.create(name, options)).toList();
        ChaosTest test = new ChaosTest(rs, sut, owned(base), w, ChaosTest.builtInNemesis(), checkers);
        return execute(test);
    }

    private ChaosResult execute(ChaosTest test) {
        RunSpec rs = test.run();
        Path log;
        try {
            Files.createDirectories(rs.dir());
            log = rs.dir().resolve("run.log");
        } catch (IOException e) {
            throw new UncheckedIOException("runDirectory: cannot create " + rs.dir() + ": " + e.getMessage(), e);
        }
        quietClientLogs(rs.dir());
        out.println("chaos " + rs.name() + ": " + rs.nodes().size() + " " + rs.target() + " nodes (" + rs.backend() + "), workload "
                + rs.workload() + ", " + rs.duration().toSeconds() + " s, seed " + rs.seed() + "; run directory "
                + rs.dir().toAbsolutePath());
        dev.chaos.metrics.RunMetrics live = metricsAt == null ? null : dev.chaos.metrics.RunMetrics.of(rs);
        dev.chaos.metrics.MetricsServer server = null;
        TestRun.Result r;
        try {
            if (live != null) {
                server = dev.chaos.metrics.MetricsServer.start(metricsAt, live::text);
                out.println("chaos " + rs.name() + ": metrics at " + server.url());
            }
            r = TestRun.run(test, Version.tool(), line -> append(log, line), new TestRun.Listener() {
                @Override
                public void labOpen(Lab lab) {
                    if (live != null) {
                        live.links(lab.proxyApi());
                    }
                }

                @Override
                public void running(dev.chaos.run.Runner runner) {
                    if (live != null) {
                        live.watch(runner);
                    }
                }

                @Override
                public void clusterUp(Cluster cluster, long millis) {
                    out.println("chaos " + rs.name() + ": cluster up in " + millis + " ms");
                }
            });
        } catch (dev.chaos.metrics.MetricsServer.BindFailed e) {
            throw new IllegalStateException("chaos " + rs.name() + ": metrics: " + e.getMessage(), e);
        } catch (TestRun.SetupFailed e) {
            throw new IllegalStateException("chaos " + rs.name() + " on " + rs.target() + ": " + e.getMessage() + " (run.log and nodes/ in "
                    + rs.dir().toAbsolutePath() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("chaos " + rs.name() + ": interrupted; everything the run started was stopped ("
                    + rs.dir().toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("chaos " + rs.name() + ": " + e, e);
        } finally {
            if (server != null) {
                server.close();
            }
        }
        ChaosResult result = new ChaosResult(rs.name(), rs.target(), rs.backend(), rs.nodes().size(), rs.seed(), r.verdict(),
                r.results(), r.history().size(), r.wallMillis(), rs.dir(), r.reports().html());
        out.println("chaos " + rs.name() + ": " + r.verdict() + " in " + r.wallMillis() / 1000 + " s; report "
                + r.reports().html().toAbsolutePath());
        return result;
    }

    /** The scenario with every value given here in place of its own. */
    private Scenario overridden() {
        Scenario sc = defined.withDefaults();
        Scenario x = duration == null ? sc : sc.scaledTo(duration);
        String reads = syncReads == null ? x.reads() : syncReads ? "linearizable" : "serializable";
        boolean sameWorkload = workload == null || workload.equals(x.workload());
        return new Scenario(x.name(), x.description(), workload != null ? workload : x.workload(), nodes != null ? nodes : x.nodes(),
                rate != null ? rate : x.rate(), concurrency != null ? concurrency : x.concurrency(), x.duration(),
                opTimeout != null ? opTimeout : x.opTimeout(), convergeWithin != null ? convergeWithin : x.convergeWithin(), reads,
                x.isolation(), seed != null ? seed : x.seed(), x.schedule(), sameWorkload ? x.checkers() : null, x.slo(), x.procedure(),
                x.ramp(), sameWorkload ? x.kv() : null).withAlerts(x.alerts());
    }

    private static Workload workloadNamed(String name) {
        return Workloads.create(name).orElseThrow(() -> new IllegalArgumentException("workload: unknown workload '" + name
                + "'; known: " + String.join(", ", Workloads.names())));
    }

    /** The backend, its labs handed to the owner too. */
    private Backend owned(Backend b) {
        Consumer<AutoCloseable> o = owner;
        return new Backend() {
            @Override
            public String name() {
                return b.name();
            }

            @Override
            public String description() {
                return b.description();
            }

            @Override
            public Lab open(List<String> nodeNames, Path dir, String runId, Consumer<String> log) throws Exception {
                Lab lab = b.open(nodeNames, dir, runId, log);
                o.accept(lab);
                return lab;
            }
        };
    }

    /**
     * The clients' libraries (ZooKeeper's) log through slf4j-simple: to {@code clients.log} beside the
     * first run's directory, not the test output, unless the build configured it. It is read once per JVM.
     */
    private static synchronized void quietClientLogs(Path dir) {
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            Path parent = dir.toAbsolutePath().getParent();
            System.setProperty("org.slf4j.simpleLogger.logFile", (parent == null ? dir : parent).resolve("clients.log").toString());
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    private static void append(Path log, String line) {
        synchronized (ChaosRun.class) {
            try {
                Files.writeString(log, Instant.now() + " " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // the history is what matters; a lost log line is not worth failing the run
            }
        }
    }
}
