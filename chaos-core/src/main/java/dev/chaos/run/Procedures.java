package dev.chaos.run;

import dev.chaos.cluster.Capability;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.HealthProbe;
import dev.chaos.cluster.Killable;
import dev.chaos.cluster.Leader;
import dev.chaos.cluster.Membership;
import dev.chaos.cluster.Stoppable;
import dev.chaos.cluster.Wipeable;
import dev.chaos.workload.Workload;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import dev.chaos.history.io.HistoryRecorder;
import dev.chaos.scenario.Procedure;
import dev.chaos.scenario.ProcedureNodes;
import dev.chaos.scenario.ProcedureStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Carries out a scenario's procedures on a running cluster and records them in the history, beside
 * the nemesis: {@code start-procedure} (value {@code {name, nodes}}), for each step a
 * {@code begin-step} ({@code {node, action[, command]}}) and an {@code end-step}
 * ({@code {node, action[, member-id], exit, ms[, error]}}; exit 0 is success; {@code member-id} is
 * the id {@code remove-member} removed or {@code add-member} added), and {@code stop-procedure}
 * ({@code {name, ok, ms[, failed-step]}}). The {@code start-}/{@code stop-} pair makes the
 * procedure a fault window for the availability and SLO checkers and a band in the report. The
 * first failing step (non-zero exit, an error, or its timeout) ends the procedure.
 *
 * <p>Shell steps run {@code sh -c COMMAND} in the current directory with {@code CHAOS_*} variables
 * (see {@link #environment}); their output is appended to {@code procedure.log} in the run directory.
 */
public final class Procedures {

    /** Exit status recorded for a step that ran out of time. */
    public static final int TIMEOUT_EXIT = 124;

    private final RunSpec spec;
    private final Cluster cluster;
    private final HistoryRecorder recorder;
    private final Workload workload;
    private final Consumer<String> log;
    private final Path logFile;
    /** Nodes a procedure stopped, killed or wiped and has not started again: the final heal starts them. */
    private final Set<String> down = new ConcurrentSkipListSet<>();
    /** Of those, the nodes a procedure removed from the membership: the final heal adds them back. */
    private final Set<String> removed = new ConcurrentSkipListSet<>();
    /**
     * Nodes out of service by design: spares not yet added ({@link RunSpec#spares}) and decommissioned
     * nodes. Clients meant for them use another node ({@link #route}), the final reads skip them.
     */
    private final Set<String> outside = new ConcurrentSkipListSet<>();
    private volatile String current = "";

    public Procedures(RunSpec spec, Cluster cluster, HistoryRecorder recorder, Workload workload, Consumer<String> log) {
        this.spec = spec;
        this.cluster = cluster;
        this.recorder = recorder;
        this.workload = workload;
        this.log = log;
        this.logFile = spec.dir().resolve("procedure.log");
        this.outside.addAll(spec.spares());
    }

    /** Whether the node is in service: not a spare still waiting for its {@code add-member}, not decommissioned. */
    public boolean inService(String node) {
        return !outside.contains(node);
    }

    /**
     * The node a client meant for {@code home} uses now: {@code home} when it is in service, else the
     * next node in service after it in n1..nN order (as an operator's load balancer would send it).
     * A node only removed for a while ({@code remove-member}) keeps its clients: they see the outage.
     */
    public String route(String home) {
        List<String> all = spec.nodes();
        int i = all.indexOf(home);
        for (int k = 0; k < all.size(); k++) {
            String n = all.get((i + k) % all.size());
            if (!outside.contains(n)) {
                return n;
            }
        }
        return home;
    }

    /** What runs now, for the progress line; empty when nothing does. */
    public String current() {
        return current;
    }

    /** Runs one procedure to its end or its first failing step; true when every step succeeded. */
    public boolean run(Procedure p, int index) throws InterruptedException {
        String name = p.name() != null ? p.name() : "procedure-" + index;
        List<String> rounds;
        Map<String, Object> failed = null;
        try {
            rounds = ProcedureNodes.resolve(p.rounds(spec.nodes()), spec.nodes(),
                    cluster instanceof Leader l ? l::leader : () -> null);
        } catch (RuntimeException e) {
            rounds = List.of();
            failed = new LinkedHashMap<>(Map.of("action", "resolve-nodes", "exit", 1, "error", String.valueOf(e.getMessage())));
        }
        Map<String, Object> startValue = new LinkedHashMap<>();
        startValue.put("name", name);
        startValue.put("nodes", rounds.isEmpty() || rounds.get(0) == null ? List.of() : rounds);
        record("start-procedure", startValue);
        append("=== " + name + " starts, nodes " + startValue.get("nodes"));
        long t0 = System.nanoTime();
        outer:
        for (String node : rounds) {
            for (ProcedureStep step : p.steps()) {
                current = name + ": " + step.kind() + (node == null ? "" : " " + node);
                Map<String, Object> end = step(step, node);
                if (((Number) end.get("exit")).intValue() != 0) {
                    failed = end;
                    break outer;
                }
            }
        }
        current = "";
        Map<String, Object> stopValue = new LinkedHashMap<>();
        stopValue.put("name", name);
        stopValue.put("ok", failed == null);
        stopValue.put("ms", (System.nanoTime() - t0) / 1_000_000);
        if (failed != null) {
            stopValue.put("failed-step", failed);
        }
        record("stop-procedure", stopValue);
        append("=== " + name + (failed == null ? " done" : " FAILED at " + failed) + " after " + stopValue.get("ms") + " ms");
        return failed == null;
    }

    /** Runs one step and records its begin and end; returns the end's value. */
    private Map<String, Object> step(ProcedureStep step, String node) throws InterruptedException {
        Map<String, Object> begin = new LinkedHashMap<>();
        if (node != null) {
            begin.put("node", node);
        }
        begin.put("action", step.kind());
        if (step.run() != null) {
            begin.put("command", step.run());
        } else if (step.forTime() != null) {
            begin.put("for-ms", step.forTime().toMillis());
        }
        record("begin-step", begin);
        append("--- " + step.kind() + (node == null ? "" : " " + node) + (step.run() == null ? "" : ": " + step.run()));
        long t0 = System.nanoTime();
        int exit;
        String error = null;
        Map<String, Object> learned = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            exit = step.run() != null ? shell(step.run(), node, step.timeoutOrDefault()) : action(step, node, learned);
            if (exit == TIMEOUT_EXIT && step.run() != null) {
                error = "timeout after " + step.timeoutOrDefault().toMillis() + " ms";
            }
        } catch (TimeoutException e) {
            exit = TIMEOUT_EXIT;
            error = "timeout after " + step.timeoutOrDefault().toMillis() + " ms";
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            exit = 1;
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        Map<String, Object> end = new LinkedHashMap<>(begin);
        end.remove("for-ms");
        end.putAll(learned);
        end.put("exit", exit);
        end.put("ms", (System.nanoTime() - t0) / 1_000_000);
        if (error != null) {
            end.put("error", error);
        }
        record("end-step", end);
        append("--- " + step.kind() + (node == null ? "" : " " + node) + ": exit " + exit + " in " + end.get("ms") + " ms"
                + (error == null ? "" : " (" + error + ")"));
        return end;
    }

    /** A built-in action, bounded by the step's timeout; 0 on success. What it learned (a member id) goes to {@code learned}. */
    private int action(ProcedureStep step, String node, Map<String, Object> learned) throws Exception {
        Duration timeout = step.timeoutOrDefault();
        if (step.action().equals("sleep")) {
            Thread.sleep(step.forTime().toMillis());
            return 0;
        }
        ExecutorService one = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<Integer> f = one.submit(() -> {
                switch (step.action()) {
                    case "stop" -> {
                        down.add(node);
                        as(Stoppable.class).stop(node);
                    }
                    case "kill" -> {
                        down.add(node);
                        as(Killable.class).kill(node);
                    }
                    case "wipe" -> {
                        down.add(node);
                        as(Wipeable.class).wipe(node);
                    }
                    case "start" -> {
                        as(Stoppable.class).start(node);
                        down.remove(node);
                    }
                    case "remove-member" -> {
                        down.add(node);
                        removed.add(node);
                        learned.put("member-id", as(Membership.class).removeMember(node));
                    }
                    case "add-member" -> {
                        learned.put("member-id", as(Membership.class).addMember(node));
                        removed.remove(node);
                        down.remove(node);
                        outside.remove(node);
                    }
                    case "decommission" -> {
                        outside.add(node); // clients first, as an operator drains a node before removing it
                        learned.put("member-id", as(Membership.class).decommission(node));
                    }
                    case "wait-healthy" -> {
                        while (!as(HealthProbe.class).healthy(node)) {
                            Thread.sleep(250);
                        }
                    }
                    case "wait-caught-up" -> waitCaughtUp(node);
                    default -> throw new IllegalArgumentException("unknown action " + step.action());
                }
                return 0;
            });
            try {
                return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw e;
            }
        } finally {
            one.shutdownNow();
        }
    }

    /**
     * Until the node serves and its own view holds everything another serving node held when the wait
     * began (for a set, a superset; for registers, equal to a fresh reading of another node).
     */
    private void waitCaughtUp(String node) throws Exception {
        while (!as(HealthProbe.class).healthy(node)) {
            Thread.sleep(250);
        }
        Object reference = null;
        while (reference == null) {
            for (String other : spec.nodes()) {
                if (!other.equals(node) && !down.contains(other) && inService(other) && as(HealthProbe.class).healthy(other)) {
                    reference = cluster.localRead(other, workload);
                    break;
                }
            }
            if (reference == null) {
                Thread.sleep(250);
            }
        }
        while (true) {
            Object mine;
            try {
                mine = cluster.localRead(node, workload);
            } catch (Exception e) {
                Thread.sleep(250);
                continue;
            }
            if (reference instanceof Collection<?> ref && mine instanceof Collection<?> have) {
                if (new HashSet<>(have).containsAll(ref)) {
                    return;
                }
            } else if (Values.canonical(mine).equals(Values.canonical(reference))) {
                return;
            } else {
                for (String other : spec.nodes()) {
                    if (!other.equals(node) && !down.contains(other) && inService(other) && as(HealthProbe.class).healthy(other)) {
                        reference = cluster.localRead(other, workload);
                        break;
                    }
                }
            }
            Thread.sleep(250);
        }
    }

    /** {@code sh -c command}, output to procedure.log; its exit status, or {@link #TIMEOUT_EXIT} when it ran out of time. */
    private int shell(String command, String node, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(spec.dir());
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().putAll(environment(node));
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            return TIMEOUT_EXIT;
        }
        return p.exitValue();
    }

    /**
     * What a shell step knows: {@code CHAOS_NODES} ("n1 n2 n3"), {@code CHAOS_NODE} (this round's
     * node, when there is one), {@code CHAOS_TARGET}, {@code CHAOS_BACKEND}, {@code CHAOS_RUN_DIR}
     * (absolute), and per node {@code CHAOS_NODE_<node>_<KEY>} for each of the cluster's
     * {@link Cluster#describe} entries (ADDRESS and CLIENT always; CONTAINER on docker; PID and DATA
     * on local).
     */
    public Map<String, String> environment(String node) {
        Map<String, String> env = new TreeMap<>();
        env.put("CHAOS_NODES", String.join(" ", spec.nodes()));
        if (node != null) {
            env.put("CHAOS_NODE", node);
        }
        env.put("CHAOS_TARGET", spec.target());
        env.put("CHAOS_BACKEND", spec.backend());
        env.put("CHAOS_RUN_DIR", spec.dir().toAbsolutePath().toString());
        for (String n : spec.nodes()) {
            cluster.describe(n).forEach((k, v) -> env.put("CHAOS_NODE_" + n + "_" + k, v));
        }
        return env;
    }

    /** The cluster as the capability a step needs ({@link Capability#require}). */
    private <T> T as(Class<T> capability) {
        return Capability.require(cluster, capability, "a procedure step");
    }

    /**
     * Starts every node a procedure left stopped (a failed procedure), and adds back every member it
     * left removed, so the final reads see whether its data survived.
     */
    public void startLeftDown() {
        for (String n : List.copyOf(down)) {
            try {
                log.accept((removed.contains(n) ? "adding back " : "starting ") + n + ", left " + (removed.contains(n) ? "removed" : "down")
                        + " by a procedure");
                if (removed.contains(n)) {
                    as(Membership.class).addMember(n);
                    removed.remove(n);
                } else if (cluster instanceof Stoppable s) {
                    s.start(n);
                } else {
                    as(Killable.class).restart(n);
                }
                down.remove(n);
            } catch (Exception e) {
                log.accept("could not start " + n + ": " + e.getMessage());
            }
        }
    }

    private void record(String f, Map<String, Object> value) {
        recorder.record(Op.of(ProcessId.NEMESIS, OpType.INFO, f, null, Values.canonical(value)));
        log.accept(f + " " + value);
    }

    private void append(String line) {
        try {
            Files.writeString(logFile, java.time.Instant.now() + " " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the history has the step; the log is a courtesy
        }
    }
}
