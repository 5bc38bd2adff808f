package dev.chaos.metrics;

import dev.chaos.checker.slo.Slo;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.run.RunObserver;
import dev.chaos.run.RunSpec;
import dev.chaos.run.Runner;
import dev.chaos.scenario.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One run's live metrics (docs/metrics.md names every one): calls by function and outcome, latency
 * histograms, the faults held, the phase, and the links' counters from the proxy. The clients feed
 * it after each recorded completion through {@link RunObserver} with no lock (a map lookup and a few
 * {@link LongAdder} adds); {@link #write} renders the Prometheus text at scrape time.
 */
public final class RunMetrics implements RunObserver {

    /** The phases the runner passes through, as the {@code phase} label writes them. */
    static final List<String> PHASES = List.of("setup", "warm-up", "steady", "faults", "procedure", "heal", "recovery",
            "final-reads", "done");

    /** The objective the rules judge by when a scenario sets none. */
    public static final double DEFAULT_OBJECTIVE = 0.999;

    private final String scenario;
    private final String target;
    private final String runId;
    private final double objective;
    private final List<String> faultKinds;
    private final AtomicIntegerArray faultActive;
    private final AtomicIntegerArray faultStarted;
    private final Map<String, Calls> byFunction = new ConcurrentHashMap<>();
    private volatile Supplier<Runner.Status> status;
    private volatile ProxyLinks links;

    /** Calls of one function: outcomes and both latencies. */
    private static final class Calls {
        final LongAdder ok = new LongAdder();
        final LongAdder fail = new LongAdder();
        final LongAdder info = new LongAdder();
        final LatencyHistogram service = new LatencyHistogram();
        final LatencyHistogram response = new LatencyHistogram();
    }

    /**
     * @param faultKinds the scenario's fault for each occurrence of the plan, in plan order
     * @param objective  the availability objective (0..1), exported for the burn-rate rules
     */
    public RunMetrics(String scenario, String target, String runId, double objective, List<String> faultKinds) {
        this.scenario = scenario;
        this.target = target;
        this.runId = runId;
        this.objective = objective;
        this.faultKinds = List.copyOf(faultKinds);
        this.faultActive = new AtomicIntegerArray(faultKinds.size());
        this.faultStarted = new AtomicIntegerArray(faultKinds.size());
    }

    /** The metrics of the run {@code rs} describes; run_id is its run directory's name. */
    public static RunMetrics of(RunSpec rs) {
        Slo slo = rs.scenario().slo();
        double objective = slo != null && slo.availabilityObjective() != null ? slo.availabilityObjective() : DEFAULT_OBJECTIVE;
        List<String> kinds = new ArrayList<>();
        for (Schedule.Occurrence o : rs.plan()) {
            kinds.add(o.kind());
        }
        return new RunMetrics(rs.name(), rs.target(), rs.dir().toAbsolutePath().normalize().getFileName().toString(), objective, kinds);
    }

    /** Where the phase and elapsed time come from: the runner, once it exists. */
    public void watch(Runner runner) {
        this.status = runner::status;
        runner.observe(this);
    }

    /** Where the link counters come from: the proxy's API ({@code host:port}). */
    public void links(String proxyApi) {
        this.links = new ProxyLinks(proxyApi);
    }

    @Override
    public void completed(Op invocation, Op completion) {
        Calls c = byFunction.get(invocation.f());
        if (c == null) {
            c = byFunction.computeIfAbsent(invocation.f(), f -> new Calls());
        }
        OpType type = completion.type();
        (type == OpType.OK ? c.ok : type == OpType.FAIL ? c.fail : c.info).increment();
        long from = invocation.intended() >= 0 ? invocation.intended() : invocation.time();
        c.service.observe(completion.time() - invocation.time());
        c.response.observe(completion.time() - from);
    }

    @Override
    public void faultStarted(int occurrence) {
        if (occurrence < faultActive.length()) {
            faultActive.set(occurrence, 1);
            faultStarted.set(occurrence, 1);
        }
    }

    @Override
    public void faultStopped(int occurrence) {
        if (occurrence < faultActive.length()) {
            faultActive.set(occurrence, 0);
        }
    }

    @Override
    public void healed() {
        for (int i = 0; i < faultActive.length(); i++) {
            faultActive.set(i, 0);
        }
    }

    /** The whole exposition, as one scrape returns it. */
    public String text() {
        StringBuilder sb = new StringBuilder(4096);
        write(sb);
        return sb.toString();
    }

    void write(StringBuilder sb) {
        PrometheusText out = new PrometheusText(sb);
        out.family("chaos_run_info", "gauge", "The run: scenario, target and run directory name; always 1.")
                .sample("chaos_run_info", 1, "scenario", scenario, "target", target, "run_id", runId);
        Supplier<Runner.Status> s = status;
        Runner.Status st = s == null ? null : s.get();
        String phase = st == null ? "setup" : st.phase().replace(' ', '-');
        out.family("chaos_run_phase", "gauge", "1 for the phase the run is in, 0 for the others.");
        for (String p : PHASES) {
            out.sample("chaos_run_phase", p.equals(phase) ? 1 : 0, "phase", p);
        }
        if (!PHASES.contains(phase)) {
            out.sample("chaos_run_phase", 1, "phase", phase);
        }
        out.family("chaos_run_elapsed_seconds", "gauge", "Seconds since the clients started.")
                .sample("chaos_run_elapsed_seconds", st == null ? 0 : st.elapsedMillis() / 1000.0);
        out.family("chaos_slo_availability_objective", "gauge",
                        "The fraction of calls that must be ok (the scenario's slo availability-objective, else 0.999).")
                .sample("chaos_slo_availability_objective", objective);

        Map<String, Calls> fs = new TreeMap<>(byFunction);
        out.family("chaos_ops_total", "counter", "Client calls completed, by function and outcome (ok, fail, info).");
        fs.forEach((f, c) -> {
            out.sample("chaos_ops_total", c.ok.sum(), "f", f, "type", "ok");
            out.sample("chaos_ops_total", c.fail.sum(), "f", f, "type", "fail");
            out.sample("chaos_ops_total", c.info.sum(), "f", f, "type", "info");
        });
        out.family("chaos_op_latency_seconds", "histogram",
                "Latency of completed client calls: service (from the invocation) and response (from the intended start).");
        fs.forEach((f, c) -> {
            c.service.write(out, "chaos_op_latency_seconds", "f", f, "kind", "service");
            c.response.write(out, "chaos_op_latency_seconds", "f", f, "kind", "response");
        });

        out.family("chaos_fault_active", "gauge", "1 while a scheduled fault is held, by the scenario's fault kind and plan occurrence.");
        Map<String, Integer> started = new TreeMap<>();
        for (int i = 0; i < faultKinds.size(); i++) {
            out.sample("chaos_fault_active", faultActive.get(i), "kind", faultKinds.get(i), "occurrence", Integer.toString(i));
            started.merge(faultKinds.get(i), faultStarted.get(i), Integer::sum);
        }
        out.family("chaos_faults_started_total", "counter", "Faults started so far, by kind.");
        started.forEach((kind, n) -> out.sample("chaos_faults_started_total", n, "kind", kind));

        ProxyLinks l = links;
        String fresh = l == null ? null : l.read();
        out.family("chaos_link_counters_up", "gauge", "1 when the proxy's per-link counters were read for this scrape.")
                .sample("chaos_link_counters_up", fresh == null ? 0 : 1);
        String linkText = fresh != null ? fresh : l == null ? null : l.lastGood();
        if (linkText != null) {
            sb.append(linkText);
        }
    }
}
