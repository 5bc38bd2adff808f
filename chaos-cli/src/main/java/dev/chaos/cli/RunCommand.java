package dev.chaos.cli;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.CheckerCatalog;
import dev.chaos.cluster.Backend;
import dev.chaos.cluster.Backends;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Lab;
import dev.chaos.cluster.Leader;
import dev.chaos.metrics.MetricsServer;
import dev.chaos.metrics.RunMetrics;
import dev.chaos.cluster.Target;
import dev.chaos.cluster.Targets;
import dev.chaos.pipeline.ChaosTest;
import dev.chaos.pipeline.RecordedRun;
import dev.chaos.pipeline.RunDirectory;
import dev.chaos.pipeline.TestRun;
import dev.chaos.run.ExitCodes;
import dev.chaos.run.RunSpec;
import dev.chaos.run.Runner;
import dev.chaos.scenario.Requirements;
import dev.chaos.scenario.Scenario;
import dev.chaos.scenario.ScenarioException;
import dev.chaos.targetfile.FileTarget;
import dev.chaos.targetfile.TargetFileException;
import dev.chaos.targetfile.TargetFiles;
import dev.chaos.scenario.Step;
import dev.chaos.workload.Isolation;
import dev.chaos.workload.Workloads;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code chaos run}: start a cluster, run clients and faults, heal, check. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a scenario against a real cluster and check the history.",
            "",
            "Starts N nodes of the target (ZooKeeper as local processes by default;",
            "'chaos targets' lists the others), every peer link through its own fault",
            "proxy; runs concurrent clients while the nemesis injects faults; heals;",
            "reads every node; and checks that no acknowledged write",
            "was lost, reads were linearizable where promised, and the replicas",
            "converged after the heal.",
            "",
            "SCENARIO is a built-in name ('chaos scenarios' lists them), a scenario",
            "file (docs/scenarios.md) or a run directory (the scenario and seed it",
            "recorded). Options given here override the scenario's values; --duration",
            "scales its schedule to the new length.",
            "",
            "--replay RUN_DIR repeats an earlier run from its scenario.json (instead of",
            "SCENARIO): the same resolved scenario, target, backend, nodes and seed, so",
            "the same faults are planned at the same times with the same random choices.",
            "Only --out and --junit may be given with it. The cluster's own timing is not",
            "repeated: a fault aimed at 'the leader' may find another node leading.",
            "The replay gets a new run directory; its scenario.json names the one replayed.",
            "",
            "Exit code: 0 valid, 1 invalid, 2 unknown, 254 bad usage, 255 setup failed."
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "a built-in scenario's name, a path to a scenario .yaml file, or a run directory (its recorded scenario, seed included, with the options given here)")
    String scenario;

    @Option(names = "--replay", paramLabel = "RUN_DIR",
            description = "repeat the run recorded in RUN_DIR: its scenario, target, backend, nodes and seed, so the same faults are planned at the same times with the same random choices; into a new run directory. Instead of SCENARIO; only --out and --junit may be given with it")
    Path replay;

    @Option(names = "--target", paramLabel = "NAME|FILE", defaultValue = "zookeeper", description = "the system under test: zookeeper, etcd, redis, any target on the class path ('chaos targets'), or a target file (FILE.yaml, docs/targets.md); default: ${DEFAULT-VALUE}")
    String target;

    @Option(names = "--backend", paramLabel = "NAME", description = "local or docker (default: the target's first, 'chaos targets' says which)")
    String backend;

    @Option(names = "--nodes", paramLabel = "N", description = "cluster size, 3..9 (default: the scenario's, else 5)")
    Integer nodes;

    @Option(names = "--duration", paramLabel = "DURATION", description = "workload time, faults included; scales the schedule (default: the scenario's, else 60s)")
    String duration;

    @Option(names = "--rate", paramLabel = "OPS", description = "client ops/s, all clients together (default: the scenario's, else 100)")
    Double rate;

    @Option(names = "--concurrency", paramLabel = "N", description = "client processes (default: the scenario's, else 10)")
    Integer concurrency;

    @Option(names = "--workload", paramLabel = "NAME", description = "set, cas-register, kv, list-append, rw-register or bank, of those the target has clients for (default: the scenario's, else set)")
    String workload;

    @Option(names = "--isolation", paramLabel = "LEVEL", description = "the transactions' isolation level (list-append, rw-register, bank): serializable, repeatable-read or read-committed (default: the scenario's, else serializable)")
    String isolation;

    @Option(names = "--nemesis-interval", paramLabel = "DURATION", description = "every fault's hold time; repeating faults then start every twice that (default: the schedule's)")
    String nemesisInterval;

    @Option(names = "--converge-within", paramLabel = "DURATION", description = "replicas must agree this soon after the heal (default: the scenario's, else 60s)")
    String convergeWithin;

    @Option(names = "--op-timeout", paramLabel = "DURATION", description = "an op slower than this is indeterminate (default: the scenario's, else 5s)")
    String opTimeout;

    @Option(names = "--sync-reads", negatable = true, fallbackValue = "true",
            description = "sync() before each read, making reads linearizable (default: the scenario's reads, else on; --no-sync-reads shows stale reads)")
    Boolean syncReads;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of every random choice (default: the scenario's, else from the clock, printed)")
    Long seed;

    @Option(names = "--junit", paramLabel = "FILE", description = "also write the JUnit XML report here (for CI; it is always in the run directory)")
    Path junit;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default: runs/<scenario>-<target>-<UTC time>)")
    Path out;

    @Option(names = "--metrics", paramLabel = "HOST:PORT", description = "serve live Prometheus metrics at http://HOST:PORT/metrics"
            + " while the run goes (port 0 picks one and prints it; docs/metrics.md)")
    String metrics;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        java.net.InetSocketAddress metricsAt = null;
        if (metrics != null) {
            try {
                metricsAt = MetricsServer.parseAddress(metrics);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--metrics: " + e.getMessage());
            }
        }
        ChaosTest test = resolve();
        RunSpec rs = test.run();
        RunMetrics live = metricsAt == null ? null : RunMetrics.of(rs);
        MetricsServer server = null;
        if (live != null) {
            try {
                server = MetricsServer.start(metricsAt, live::text);
            } catch (MetricsServer.BindFailed e) {
                spec.commandLine().getErr().println("chaos: --metrics: " + e.getMessage());
                return ExitCodes.INTERNAL;
            }
        }
        try {
            return run(o, test, rs, live, server);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private int run(PrintWriter o, ChaosTest test, RunSpec rs, RunMetrics live, MetricsServer server) throws Exception {
        Files.createDirectories(rs.dir());
        System.setProperty("org.slf4j.simpleLogger.logFile", rs.dir().resolve("clients.log").toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        RunLog log = new RunLog(rs.dir().resolve("run.log"));
        o.println("chaos run " + rs.name() + ": " + rs.nodes().size() + " " + rs.target() + " nodes (" + rs.backend()
                + "), workload " + rs.workload() + ", " + rs.duration().toSeconds() + " s, seed " + rs.seed());
        if (test.replayOf() != null) {
            o.println("replay of " + test.replayOf() + ": the same scenario, target, backend, nodes and seed; " + rs.plan().size()
                    + " planned faults at the same times");
        }
        o.println("run directory: " + rs.dir());
        if (server != null) {
            o.println("metrics at " + server.url());
        }
        o.flush();
        TestRun.Result result;
        try {
            result = TestRun.run(test, Version.tool(), log::line, new TestRun.Listener() {
                private Progress progress;

                @Override
                public void clusterUp(Cluster cluster, long millis) {
                    o.println("cluster up in " + millis + " ms" + (cluster instanceof Leader l ? ": leader " + l.leader() : ""));
                }

                @Override
                public void labOpen(Lab lab) {
                    if (live != null) {
                        live.links(lab.proxyApi());
                    }
                }

                @Override
                public void running(Runner runner) {
                    if (live != null) {
                        live.watch(runner);
                    }
                    progress = new Progress(runner, rs, o);
                    progress.start();
                }

                @Override
                public void stopped() {
                    try {
                        progress.stop();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        } catch (TestRun.SetupFailed e) {
            spec.commandLine().getErr().println("chaos: " + e.getMessage());
            return ExitCodes.INTERNAL;
        }
        if (junit != null) {
            Path parent = junit.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(result.reports().junit(), junit, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        o.println();
        for (CheckResult r : result.results()) {
            o.println(Text.verdictWord(r.verdict()) + "  " + r.checker());
            r.summary().forEach(line -> o.println("  " + line));
        }
        o.println();
        o.println("verdict: " + Text.verdictWord(result.verdict()).trim() + "   (" + result.history().size() + " ops, "
                + result.wallMillis() / 1000 + " s, " + rs.dir() + ")");
        o.println("report:  " + result.reports().html());
        return result.verdict().exitCode();
    }

    /** The options a replay takes: where its results go. Every other one would change what runs. */
    private static final Set<String> REPLAY_TAKES = Set.of("--replay", "--out", "--junit");

    /** A target by name, or a target file ({@code --target ./mysystem.yaml}) read strictly. */
    static Target target(String nameOrFile) {
        if (TargetFiles.isFile(nameOrFile)) {
            try {
                return TargetFiles.load(Path.of(nameOrFile));
            } catch (TargetFileException e) {
                throw new UsageException("--target: " + e.getMessage());
            }
        }
        return Targets.named(nameOrFile).orElseThrow(() -> new UsageException("--target: unknown target '" + nameOrFile
                + "'; found: " + Targets.names() + " ('chaos targets' lists them), or give a target file (a .yaml path,"
                + " docs/targets.md)"));
    }

    private ChaosTest resolve() {
        if (replay != null) {
            return replayed();
        }
        if (scenario == null) {
            throw new UsageException("missing SCENARIO (a built-in name, a scenario file or a run directory), or --replay RUN_DIR");
        }
        Scenario defined;
        try {
            defined = Scenarios.read(scenario);
        } catch (ScenarioException e) {
            throw new UsageException(e.getMessage());
        }
        Target sut = target(target);
        String target = sut.name();
        String backend = this.backend != null ? this.backend : sut.backends().get(0);
        Backend where = Backends.named(backend).orElseThrow(() -> new UsageException("--backend: unknown backend '" + backend
                + "'; found: " + Backends.names()));
        if (!sut.backends().contains(backend)) {
            throw new UsageException("--target/--backend: target " + target + " runs on backend " + String.join(" or ", sut.backends())
                    + ", not '" + backend + "'");
        }
        if (nodes != null && (nodes < 3 || nodes > 9)) {
            throw new UsageException("--nodes: " + nodes + " is outside 3..9");
        }
        if (concurrency != null && (concurrency < 1 || concurrency > 1000)) {
            throw new UsageException("--concurrency: " + concurrency + " is outside 1..1000");
        }
        if (rate != null && (!(rate > 0) || rate > 100_000)) {
            throw new UsageException("--rate: " + rate + " must be > 0 and <= 100000 ops/s");
        }
        if (workload != null && !sut.workloads().contains(workload)) {
            throw new UsageException("--workload: '" + workload + "' is not one of " + String.join(", ", sut.workloads())
                    + " (the workloads target " + target + " has clients for)");
        }
        if (isolation != null && Isolation.of(isolation) == null) {
            throw new UsageException("--isolation: '" + isolation + "' is not one of " + String.join(", ", Isolation.ids()));
        }
        Duration d = duration == null ? null : DurationOption.parse("--duration", duration);
        Duration interval = nemesisInterval == null ? null : DurationOption.parse("--nemesis-interval", nemesisInterval);
        Duration within = convergeWithin == null ? null : DurationOption.parse("--converge-within", convergeWithin);
        Duration timeout = opTimeout == null ? null : DurationOption.parse("--op-timeout", opTimeout);
        if (d != null && d.toSeconds() < 10) {
            throw new UsageException("--duration: at least 10s (warm-up, faults and recovery need time)");
        }
        if (interval != null && interval.toMillis() < 500) {
            throw new UsageException("--nemesis-interval: at least 500ms");
        }
        if (timeout != null && timeout.toMillis() < 100) {
            throw new UsageException("--op-timeout: at least 100ms");
        }
        Scenario resolved;
        try {
            resolved = Scenarios.resolve(overridden(defined.withDefaults(), d, interval, within, timeout));
        } catch (ScenarioException e) {
            throw new UsageException(e.getMessage());
        }
        if (!sut.workloads().contains(resolved.workload())) {
            throw new UsageException("scenario '" + resolved.name() + "' runs workload " + resolved.workload() + ", but target " + target
                    + " has clients for " + String.join(", ", sut.workloads()) + "; choose another scenario or --workload");
        }
        String cannot = Requirements.unmet(resolved, sut.capabilities(backend), target);
        if (cannot != null) {
            throw new UsageException(cannot + "; choose another scenario or target");
        }
        String rules = dev.chaos.monitor.RunAlerts.rulesProblem(resolved.alerts());
        if (rules != null) {
            throw new UsageException("scenario '" + resolved.name() + "': " + rules);
        }
        long s = seed != null ? seed : resolved.seed() != null ? resolved.seed() : System.currentTimeMillis();
        return test(new RunSpec(Scenarios.withSeed(resolved, s), target, backend, s, runDirectory(resolved.name(), target)), sut,
                where, null);
    }

    /**
     * {@code --replay RUN_DIR}: the recorded run again, as it was: its resolved scenario, target,
     * backend, nodes and seed, so the plan and the nemesis' random choices come out the same. Nothing
     * it records may be overridden (the decision in docs/running.md): a replay that differs is a new run.
     */
    private ChaosTest replayed() {
        if (scenario != null) {
            throw new UsageException("SCENARIO '" + scenario + "' and --replay: give one; a replay runs the scenario its run"
                    + " directory recorded");
        }
        RecordedRun run;
        try {
            run = RunDirectory.readRun(replay);
        } catch (ScenarioException e) {
            throw new UsageException("--replay: " + e.getMessage());
        }
        List<String> changing = spec.commandLine().getParseResult().matchedOptions().stream().map(OptionSpec::longestName)
                .filter(n -> !REPLAY_TAKES.contains(n)).distinct().toList();
        if (!changing.isEmpty()) {
            throw new UsageException(String.join(", ", changing) + ": not with --replay, which repeats the recorded run as it was"
                    + " (target " + run.target() + ", backend " + run.backend() + ", " + run.nodes().size() + " nodes, seed "
                    + run.seed() + "; only --out and --junit may be given). To change it, run its scenario with your options: chaos run "
                    + replay + " --target " + run.target() + " --backend " + run.backend() + " " + String.join(" ", changing) + " ...");
        }
        String field = "--replay: " + run.file() + ": field ";
        Target sut = run.targetFile() != null ? recordedFile(run, field) : Targets.named(run.target()).orElseThrow(() -> new UsageException(
                field + "'target': no target '" + run.target() + "' on this machine (found: " + Targets.names() + "); put the jar that"
                + " provides it on the class path ('chaos targets' lists what is found), or, for a run made from a target file by a"
                + " chaos that did not record its path, run its scenario with the file: chaos run " + replay + " --target FILE"));
        Backend where = Backends.named(run.backend()).orElseThrow(() -> new UsageException(field + "'backend': no backend '"
                + run.backend() + "' on this machine (found: " + Backends.names() + "); use a chaos that has it"));
        if (!sut.backends().contains(run.backend())) {
            throw new UsageException(field + "'backend': target " + run.target() + " here runs on " + String.join(" or ", sut.backends())
                    + ", not " + run.backend() + "; the run was made with another version of the target");
        }
        Scenario resolved;
        try {
            resolved = Scenarios.resolve(Scenarios.withSeed(run.scenario(), run.seed()));
        } catch (ScenarioException e) {
            throw new UsageException("--replay: " + run.file() + ": " + e.getMessage());
        }
        if (!sut.workloads().contains(resolved.workload())) {
            throw new UsageException(field + "'scenario': workload " + resolved.workload() + ", but target " + run.target()
                    + " here has clients for " + String.join(", ", sut.workloads()));
        }
        String cannot = Requirements.unmet(resolved, sut.capabilities(run.backend()), run.target());
        if (cannot != null) {
            throw new UsageException("--replay: " + run.file() + ": " + cannot);
        }
        RunSpec rs = new RunSpec(resolved, run.target(), run.backend(), run.seed(), runDirectory(resolved.name(), run.target()));
        if (!rs.nodes().equals(run.nodes())) {
            throw new UsageException(field + "'nodes': " + run.nodes() + ", but its scenario gives " + rs.nodes());
        }
        List<RecordedRun.Planned> plan = rs.plan().stream().map(RecordedRun.Planned::of).toList();
        if (run.plan() != null && !plan.equals(run.plan())) {
            int i = 0;
            while (i < plan.size() && i < run.plan().size() && plan.get(i).equals(run.plan().get(i))) {
                i++;
            }
            throw new UsageException(field + "'plan': this chaos plans the recorded scenario and seed differently (occurrence "
                    + i + ": recorded " + (i < run.plan().size() ? run.plan().get(i) : "none") + ", now "
                    + (i < plan.size() ? plan.get(i) : "none") + "), so it cannot repeat the run; replay it with the chaos"
                    + " version that made it");
        }
        try {
            if (Files.exists(rs.dir()) && Files.isSameFile(rs.dir(), replay)) {
                throw new UsageException("--out: " + rs.dir() + " is the run being replayed; a replay goes into a new directory");
            }
        } catch (IOException e) {
            throw new UsageException("--out: " + rs.dir() + ": " + e.getMessage());
        }
        return test(rs, sut, where, replay);
    }

    /**
     * The target file a replayed run was made from, read again from the path it recorded; when its
     * content changed since (another SHA-256), a warning says so and the replay runs it as it is now.
     */
    private Target recordedFile(RecordedRun run, String field) {
        FileTarget now;
        try {
            now = TargetFiles.load(Path.of(run.targetFile()));
        } catch (TargetFileException e) {
            throw new UsageException(field + "'" + RunDirectory.TARGET_FILE + "': " + e.getMessage() + "; the run was made from it: put"
                    + " it back, or run its scenario with another file: chaos run " + replay + " --target FILE");
        }
        if (run.targetSha256() != null && !run.targetSha256().equals(now.sha256())) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: " + run.targetFile() + " changed since the run (SHA-256 " + run.targetSha256().substring(0, 12)
                    + "... then, " + now.sha256().substring(0, 12) + "... now): the replay runs the file as it is now, so it may not"
                    + " repeat the run");
            err.flush();
        }
        return now;
    }

    /** --out, or runs/<scenario>-<target>-<UTC time>; never a directory that already holds a run. */
    private Path runDirectory(String name, String targetName) {
        Path dir = out != null ? out : Path.of("runs", name + "-" + targetName + "-"
                + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")));
        if (Files.exists(dir.resolve("history.jsonl"))) {
            throw new UsageException("--out: " + dir + " already holds a run; choose another directory");
        }
        return dir;
    }

    private static ChaosTest test(RunSpec rs, Target sut, Backend where, Path replayOf) {
        ScenarioChecks checks = ScenarioChecks.of(rs.scenario(), rs.target());
        CheckOptions options = checks.options(CheckOptions.defaults());
        List<Checker> checkers = checks.checkers(null).stream().map(name -> CheckerCatalog.create(name, options)).toList();
        return new ChaosTest(rs, sut, where, Checks.workload(rs.scenario()), ChaosTest.builtInNemesis(), checkers, replayOf);
    }

    /** The scenario with every option given on the command line in place of its own value. */
    private Scenario overridden(Scenario sc, Duration d, Duration interval, Duration within, Duration timeout) {
        Scenario x = d == null ? sc : sc.scaledTo(d);
        List<Step> schedule = x.schedule();
        if (interval != null) {
            schedule = new ArrayList<>();
            for (Step st : x.schedule()) {
                schedule.add(st.withHold(interval, st.every() == null ? null : interval.multipliedBy(2)));
            }
        }
        String reads = syncReads == null ? x.reads() : syncReads ? "linearizable" : "serializable";
        String w = workload != null ? workload : x.workload();
        // a workload without transactions has no isolation level: the file's is dropped with its workload
        String iso = isolation != null ? isolation : Workloads.TRANSACTIONAL.contains(w) ? x.isolation() : null;
        return new Scenario(x.name(), x.description(), w, nodes != null ? nodes : x.nodes(),
                rate != null ? rate : x.rate(), concurrency != null ? concurrency : x.concurrency(), x.duration(),
                timeout != null ? timeout : x.opTimeout(), within != null ? within : x.convergeWithin(), reads, iso,
                seed != null ? seed : x.seed(), schedule, workload != null && !workload.equals(x.workload()) ? null : x.checkers(),
                x.slo(), x.procedure(), x.ramp(), workload != null && !workload.equals(x.workload()) ? null : x.kv())
                .withAlerts(x.alerts());
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
