package dev.chaos.pipeline;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Verdict;
import dev.chaos.cluster.Capability;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Lab;
import dev.chaos.cluster.Teardown;
import dev.chaos.cluster.TargetContext;
import dev.chaos.history.History;
import dev.chaos.history.io.HistoryFiles;
import dev.chaos.monitor.RunAlerts;
import dev.chaos.nemesis.LinkFaults;
import dev.chaos.nemesis.NemesisFactory;
import dev.chaos.run.RunSpec;
import dev.chaos.run.Runner;
import dev.chaos.scenario.Requirements;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Carries out a {@link ChaosTest}: scenario.json, the lab (proxy, networks), the target's cluster
 * wired through it, clients and nemesis side by side into one history, the final heal, teardown
 * (always: on success, failure and Ctrl-C, through {@link Teardown}), then the checkers and the
 * reports. The steps of DESIGN.md's "The run", in one place.
 */
public final class TestRun {

    /** How long the cluster may take to serve. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** What a caller may watch as the run goes; every method is optional. */
    public interface Listener {

        /** The lab is open: its proxy serves (the live metrics read the links' counters from it). */
        default void labOpen(Lab lab) {
        }

        /** The cluster serves; {@code millis} since the run began. */
        default void clusterUp(Cluster cluster, long millis) {
        }

        /** The workload and nemesis are about to run (for a progress line). */
        default void running(Runner runner) {
        }

        /** They are done (the progress line may stop). */
        default void stopped() {
        }
    }

    /** The cluster could not be started (exit 255): the cause, with what the lab said. */
    public static final class SetupFailed extends Exception {
        SetupFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * What a run found.
     *
     * @param verdict the combined verdict
     * @param results each checker's result, in order
     * @param history the history checked
     * @param reports report.html, junit.xml and results.json
     * @param wallMillis from the start to the last final read
     */
    public record Result(Verdict verdict, List<CheckResult> results, History history, RunDirectory.Written reports, long wallMillis) {
    }

    private TestRun() {
    }

    public static Result run(ChaosTest test, String tool, Consumer<String> log, Listener listener) throws Exception {
        RunSpec rs = test.run();
        RunDirectory dir = RunDirectory.create(rs.dir());
        dir.writeScenario(rs, test.replayOf(), test.target());
        long t0 = System.nanoTime();
        Path history;
        Lab lab = null;
        Cluster cluster = null;
        NemesisFactory faults = null;
        AutoCloseable healer = null;
        RunAlerts alerts = null;
        try {
            List<String> spares = rs.spares(); // a scenario that leaves no node to start with fails here, before any set-up
            try {
                lab = test.backend().open(rs.nodes(), rs.dir(), runId(rs), log);
                listener.labOpen(lab);
                if (Requirements.uses(rs.scenario(), Capability.CLOCK)) {
                    lab.controlClocks(); // before the nodes start: they must start under the faked clock
                }
                cluster = test.target().start(new TargetContext(rs.nodes(), rs.dir(), lab, rs.syncReads(), rs.isolation(),
                        START_TIMEOUT, log, spares));
                Teardown.register(cluster);
            } catch (Exception e) {
                log.accept("setup failed: " + e);
                throw new SetupFailed("the cluster did not start: " + e.getMessage(), e);
            }
            long startedMs = (System.nanoTime() - t0) / 1_000_000;
            log.accept("cluster up in " + startedMs + " ms");
            listener.clusterUp(cluster, startedMs);
            if (lab.topology() == null) {
                throw new SetupFailed("target " + test.target().name() + " started without wiring its links through the lab", null);
            }
            faults = test.nemesis().apply(cluster, new LinkFaults(lab.proxyApi(), lab.topology()));
            healer = faults::healAll;
            Teardown.register(healer);
            if (rs.scenario().alerts() != null) {
                try {
                    alerts = RunAlerts.start(rs.scenario().alerts(), cluster, rs.dir(), log);
                } catch (java.io.IOException e) {
                    throw new SetupFailed("the run's prometheus did not start: " + e.getMessage(), e);
                }
                Teardown.register(alerts);
            }
            Runner runner = new Runner(rs, cluster, test.workload(), faults, faults, log);
            if (alerts != null) {
                runner.monitoredBy(alerts.watch());
            }
            listener.running(runner);
            try {
                history = runner.run(tool);
            } finally {
                listener.stopped();
            }
        } finally {
            if (alerts != null) {
                alerts.close();
                Teardown.unregister(alerts);
            }
            if (faults != null) {
                faults.healAll();
                Teardown.unregister(healer);
            }
            if (cluster != null) {
                cluster.close();
                Teardown.unregister(cluster);
            }
            if (lab != null) {
                lab.collectLogs(rs.dir().resolve("nodes"));
                lab.close();
                Teardown.unregister(lab);
            }
        }
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        History h = HistoryFiles.read(history).history();
        List<CheckResult> results = new ArrayList<>();
        for (Checker c : test.checkers()) {
            results.add(c.check(h));
        }
        Verdict verdict = Verdict.combine(results.stream().map(CheckResult::verdict).toList());
        RunDirectory.Written written = dir.writeResults(h, results, rs, wallMs);
        log.accept("verdict " + verdict + " in " + wallMs + " ms");
        return new Result(verdict, results, h, written, wallMs);
    }

    /** The id in every Docker name and label of this run: the run directory's name, made safe. */
    static String runId(RunSpec rs) {
        String name = rs.dir().toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-");
        String id = name.length() > 40 ? name.substring(name.length() - 40) : name;
        return id.replaceAll("^-+", "") + "-" + Long.toHexString(System.nanoTime() & 0xffffL);
    }

}
