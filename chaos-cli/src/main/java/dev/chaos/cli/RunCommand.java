package dev.chaos.cli;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.CheckerCatalog;
import dev.chaos.checker.Verdict;
import dev.chaos.cluster.Teardown;
import dev.chaos.history.History;
import dev.chaos.history.io.HistoryFiles;
import dev.chaos.nemesis.Partition;
import dev.chaos.nemesis.KillRestart;
import dev.chaos.nemesis.LinkFaults;
import dev.chaos.nemesis.NoFaults;
import dev.chaos.run.ExitCodes;
import dev.chaos.run.RunSpec;
import dev.chaos.run.Runner;
import dev.chaos.target.Deployment;
import dev.chaos.target.Targets;
import dev.chaos.workload.Nemesis;
import dev.chaos.workload.Workload;
import dev.chaos.workload.builtin.CasRegisterWorkload;
import dev.chaos.workload.builtin.SetWorkload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chaos run}: start a cluster, run clients and faults, heal, check. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a scenario against a real cluster and check the history.",
            "",
            "Starts N ZooKeeper servers as local processes, every peer link through",
            "its own fault proxy; runs concurrent clients while the nemesis injects",
            "faults; heals; reads every node; and checks that no acknowledged write",
            "was lost, reads were linearizable where promised, and the replicas",
            "converged after the heal.",
            "",
            "Scenarios: clean-split, isolate, isolate-leader, kill-restart, none.",
            "Exit code: 0 valid, 1 invalid, 2 unknown, 254 bad usage, 255 setup failed."
        })
final class RunCommand implements Callable<Integer> {

    static final List<String> SCENARIOS = List.of("clean-split", "isolate", "isolate-leader", "kill-restart", "none");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "clean-split, isolate, isolate-leader, kill-restart or none")
    String scenario;

    @Option(names = "--target", paramLabel = "NAME", defaultValue = "zookeeper", description = "zookeeper, etcd or redis (default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--backend", paramLabel = "NAME", description = "local or docker (default: local for zookeeper, docker for etcd and redis)")
    String backend;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "5", description = "cluster size, 3..9 (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", description = "workload time, faults included (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--rate", paramLabel = "OPS", defaultValue = "100", description = "client ops/s, all clients together (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "10", description = "client processes (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--workload", paramLabel = "NAME", defaultValue = "set", description = "set or cas-register (default: ${DEFAULT-VALUE})")
    String workload;

    @Option(names = "--nemesis-interval", paramLabel = "DURATION", defaultValue = "10s", description = "each fault's length, and the pause between faults (default: ${DEFAULT-VALUE})")
    String nemesisInterval;

    @Option(names = "--converge-within", paramLabel = "DURATION", defaultValue = "60s", description = "replicas must agree this soon after the heal (default: ${DEFAULT-VALUE})")
    String convergeWithin;

    @Option(names = "--op-timeout", paramLabel = "DURATION", defaultValue = "5s", description = "an op slower than this is indeterminate (default: ${DEFAULT-VALUE})")
    String opTimeout;

    @Option(names = "--sync-reads", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "sync() before each read, making reads linearizable (default: on; --no-sync-reads shows stale reads)")
    boolean syncReads;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of every random choice (default: from the clock, printed)")
    Long seed;

    @Option(names = "--junit", paramLabel = "FILE", description = "also write the JUnit XML report here (for CI; it is always in the run directory)")
    Path junit;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default: runs/<scenario>-<target>-<UTC time>)")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        RunSpec rs = resolve();
        Files.createDirectories(rs.dir());
        Path runLog = rs.dir().resolve("run.log");
        System.setProperty("org.slf4j.simpleLogger.logFile", rs.dir().resolve("clients.log").toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Files.writeString(rs.dir().resolve("scenario.json"), CheckCommand.jsonMapper().writeValueAsString(scenarioJson(rs)));
        RunLog log = new RunLog(runLog);
        o.println("chaos run " + rs.scenario() + ": " + rs.nodes().size() + " " + rs.target() + " nodes (" + rs.backend()
                + "), workload " + rs.workload() + ", " + rs.duration().toSeconds() + " s, seed " + rs.seed());
        o.println("run directory: " + rs.dir());
        o.flush();
        Workload workload = rs.workload().equals("set") ? new SetWorkload() : new CasRegisterWorkload();
        long t0 = System.nanoTime();
        Path history;
        Nemesis nemesis = null;
        Deployment deployment;
        try {
            deployment = Targets.start(rs.target(), rs.backend(), rs.nodes(), rs.dir(), runId(rs), rs.syncReads(), 90_000, log::line);
        } catch (Exception e) {
            spec.commandLine().getErr().println("chaos: the cluster did not start: " + e.getMessage());
            log.line("setup failed: " + e);
            return ExitCodes.INTERNAL;
        }
        Teardown.register(deployment);
        try {
            LinkFaults links = deployment.links();
            var cluster = deployment.cluster();
            long startedMs = (System.nanoTime() - t0) / 1_000_000;
            log.line("cluster up in " + startedMs + " ms");
            o.println("cluster up in " + startedMs + " ms: leader " + cluster.leader());
            nemesis = switch (rs.scenario()) {
                case "clean-split" -> Partition.cleanSplit(rs.nodes(), links);
                case "isolate" -> Partition.isolate(cluster, links, false);
                case "isolate-leader" -> Partition.isolate(cluster, links, true);
                case "kill-restart" -> new KillRestart(cluster);
                default -> new NoFaults();
            };
            Nemesis healer = nemesis;
            Teardown.register(healer::healAll);
            Runner runner = new Runner(rs, cluster, workload, nemesis, log::line);
            Progress progress = new Progress(runner, rs, o);
            progress.start();
            try {
                history = runner.run(Version.tool());
            } finally {
                progress.stop();
            }
        } finally {
            if (nemesis != null) {
                nemesis.healAll();
            }
            deployment.close();
        }
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        History h = HistoryFiles.read(history).history();
        CheckOptions options = CheckOptions.defaults().withModel(workload.model())
                .withConvergeWithin(rs.convergeWithin());
        List<CheckResult> results = new ArrayList<>();
        for (String name : workload.checkers()) {
            results.add(CheckerCatalog.create(name, options).check(h));
        }
        Verdict verdict = Verdict.combine(results.stream().map(CheckResult::verdict).toList());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("valid", verdict.json());
        json.put("scenario", rs.scenario());
        json.put("target", rs.target());
        json.put("seed", rs.seed());
        json.put("ops", h.size());
        json.put("wall-ms", wallMs);
        json.put("checkers", Checks.byChecker(results));
        dev.chaos.report.Reports.Written written = dev.chaos.report.Reports.write(rs.dir(), h, results, json);
        if (junit != null) {
            Path parent = junit.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(written.junit(), junit, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        o.println();
        for (CheckResult r : results) {
            o.println(Text.verdictWord(r.verdict()) + "  " + r.checker());
            r.summary().forEach(line -> o.println("  " + line));
        }
        o.println();
        o.println("verdict: " + Text.verdictWord(verdict).trim() + "   (" + h.size() + " ops, " + wallMs / 1000 + " s, " + rs.dir() + ")");
        o.println("report:  " + written.html());
        log.line("verdict " + verdict + " in " + wallMs + " ms");
        return verdict.exitCode();
    }

    private RunSpec resolve() {
        if (!SCENARIOS.contains(scenario)) {
            throw new UsageException("unknown scenario '" + scenario + "'; known: " + String.join(", ", SCENARIOS));
        }
        String backend = this.backend != null ? this.backend : Targets.defaultBackend(target);
        String unsupported = Targets.unsupported(target, backend);
        if (unsupported != null) {
            throw new UsageException("--target/--backend: " + unsupported);
        }
        if (nodes < 3 || nodes > 9) {
            throw new UsageException("--nodes: " + nodes + " is outside 3..9");
        }
        if (concurrency < 1 || concurrency > 1000) {
            throw new UsageException("--concurrency: " + concurrency + " is outside 1..1000");
        }
        if (!(rate > 0) || rate > 100_000) {
            throw new UsageException("--rate: " + rate + " must be > 0 and <= 100000 ops/s");
        }
        if (!workload.equals("set") && !workload.equals("cas-register")) {
            throw new UsageException("--workload: '" + workload + "' is not one of set, cas-register");
        }
        Duration d = CheckCommand.Durations.parse("--duration", duration);
        Duration interval = CheckCommand.Durations.parse("--nemesis-interval", nemesisInterval);
        Duration within = CheckCommand.Durations.parse("--converge-within", convergeWithin);
        Duration timeout = CheckCommand.Durations.parse("--op-timeout", opTimeout);
        if (d.toSeconds() < 10) {
            throw new UsageException("--duration: at least 10s (warm-up, faults and recovery need time)");
        }
        if (interval.toMillis() < 500) {
            throw new UsageException("--nemesis-interval: at least 500ms");
        }
        if (timeout.toMillis() < 100) {
            throw new UsageException("--op-timeout: at least 100ms");
        }
        long s = seed != null ? seed : System.currentTimeMillis();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            names.add("n" + i);
        }
        Path dir = out != null ? out : Path.of("runs", scenario + "-" + target + "-"
                + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")));
        if (Files.exists(dir.resolve("history.jsonl"))) {
            throw new UsageException("--out: " + dir + " already holds a run; choose another directory");
        }
        return new RunSpec(scenario, target, backend, names, s, d, rate, concurrency, timeout, interval, within, workload,
                syncReads, dir);
    }

    /** The id in every Docker name and label of this run: the run directory's name, made safe. */
    static String runId(RunSpec rs) {
        String name = rs.dir().toAbsolutePath().normalize().getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-");
        String id = name.length() > 40 ? name.substring(name.length() - 40) : name;
        return id.replaceAll("^-+", "") + "-" + Long.toHexString(System.nanoTime() & 0xffffL);
    }

    private static Map<String, Object> scenarioJson(RunSpec rs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", rs.scenario());
        m.put("target", rs.target());
        m.put("backend", rs.backend());
        m.put("nodes", rs.nodes());
        m.put("seed", rs.seed());
        m.put("duration-ms", rs.duration().toMillis());
        m.put("rate", rs.rate());
        m.put("concurrency", rs.concurrency());
        m.put("op-timeout-ms", rs.opTimeout().toMillis());
        m.put("nemesis-interval-ms", rs.nemesisInterval().toMillis());
        m.put("converge-within-ms", rs.convergeWithin().toMillis());
        m.put("workload", rs.workload());
        m.put("sync-reads", rs.syncReads());
        m.put("warm-up-ms", rs.warmUp().toMillis());
        m.put("recovery-ms", rs.recovery().toMillis());
        return m;
    }

    /** run.log: timestamped lines of what the run did. */
    static final class RunLog {
        private final Path file;

        RunLog(Path file) {
            this.file = file;
        }

        synchronized void line(String s) {
            try {
                Files.writeString(file, java.time.Instant.now() + " " + s + System.lineSeparator(), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // the history is what matters; a lost log line is not worth failing the run
            }
        }
    }

    /** The live progress line: on a terminal it redraws in place, otherwise a plain line every 5 s. */
    static final class Progress {
        private final Runner runner;
        private final RunSpec rs;
        private final PrintWriter out;
        private final boolean terminal = System.console() != null;
        private Thread thread;
        private volatile boolean running = true;

        Progress(Runner runner, RunSpec rs, PrintWriter out) {
            this.runner = runner;
            this.rs = rs;
            this.out = out;
        }

        void start() {
            thread = Thread.ofPlatform().daemon().name("chaos-progress").start(() -> {
                long lastOps = 0;
                long lastAt = System.nanoTime();
                int ticks = 0;
                while (running) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    Runner.Status s = runner.status();
                    long now = System.nanoTime();
                    double rate = (s.ops() - lastOps) * 1e9 / Math.max(1, now - lastAt);
                    lastOps = s.ops();
                    lastAt = now;
                    long total = rs.duration().toSeconds();
                    String line = String.format("%-11s %3d/%ds  %6.0f ops/s  %d ops  %d fail  %d info  %s", s.phase(),
                            s.elapsedMillis() / 1000, total, rate, s.ops(), s.failures(), s.indeterminate(),
                            s.fault().isEmpty() ? "" : "fault: " + s.fault());
                    if (terminal) {
                        out.print("\r" + line + " ".repeat(Math.max(0, 100 - line.length())));
                        out.flush();
                    } else if (++ticks % 5 == 0) {
                        out.println(line);
                        out.flush();
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
            if (terminal) {
                out.println();
            }
        }
    }
}
