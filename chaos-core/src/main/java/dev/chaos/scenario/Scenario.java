package dev.chaos.scenario;

import dev.chaos.checker.slo.Slo;
import dev.chaos.workload.KvOptions;
import dev.chaos.workload.Isolation;
import dev.chaos.workload.Workloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario as data: workload, cluster size, timing, nemesis schedule, checkers and SLOs. As read
 * from a file any field may be null (absent); {@link #withDefaults} fills every absent field, and a
 * resolved scenario is what {@code chaos scenarios show} prints and scenario.json records.
 *
 * @param name           e.g. {@code clean-split}
 * @param description    one line: what it simulates
 * @param workload       {@code set}, {@code cas-register}, or a transactional one: {@code list-append},
 *                       {@code rw-register}, {@code bank}
 * @param nodes          cluster size
 * @param rate           client ops/s, all clients together
 * @param concurrency    client processes at a time
 * @param duration       workload time, faults included; the schedule's times are for this duration
 * @param opTimeout      slower ops are indeterminate
 * @param convergeWithin replicas must agree this soon after the heal
 * @param reads          {@code linearizable} (ZooKeeper: sync() first) or {@code serializable}
 * @param isolation      the transactional workloads' isolation level ({@link Isolation#ids}); null:
 *                       serializable for them, and nothing for the others
 * @param seed           seed of every random choice; null: from the clock at run time
 * @param schedule       the faults; faults of different families (partition, slow, node, clock) may overlap, two of one family may not
 * @param checkers       checker names; null: the workload's, plus {@code slo} when SLOs are set
 * @param slo            thresholds; null: none
 * @param procedure      operator procedures run beside the workload (rolling restarts, node
 *                       replacement, your own scripts); null: none
 * @param ramp           a stepped rate instead of {@code rate} (the breaking point); null: the one rate
 * @param kv             the kv workload's keys, key distribution and op mix; only with workload kv
 * @param alerts         alerts that must fire during faults, judged on a Prometheus the run starts; null: none
 */
public record Scenario(String name, String description, String workload, Integer nodes, Double rate, Integer concurrency,
                       Duration duration, Duration opTimeout, Duration convergeWithin, String reads, String isolation, Long seed,
                       List<Step> schedule, List<String> checkers, Slo slo, List<Procedure> procedure, Ramp ramp,
                       KvOptions kv, Alerts alerts) {

    public static final String DEFAULT_WORKLOAD = "set";

    public Scenario {
        schedule = schedule == null ? null : List.copyOf(schedule);
        checkers = checkers == null ? null : List.copyOf(checkers);
        procedure = procedure == null ? null : List.copyOf(procedure);
    }

    /** A scenario with no alerts. */
    public Scenario(String name, String description, String workload, Integer nodes, Double rate, Integer concurrency,
                    Duration duration, Duration opTimeout, Duration convergeWithin, String reads, String isolation, Long seed,
                    List<Step> schedule, List<String> checkers, Slo slo, List<Procedure> procedure, Ramp ramp,
                    KvOptions kv) {
        this(name, description, workload, nodes, rate, concurrency, duration, opTimeout, convergeWithin, reads, isolation, seed,
                schedule, checkers, slo, procedure, ramp, kv, null);
    }

    /** The same scenario with these alerts (null: none). */
    public Scenario withAlerts(Alerts newAlerts) {
        return new Scenario(name, description, workload, nodes, rate, concurrency, duration, opTimeout, convergeWithin, reads,
                isolation, seed, schedule, checkers, slo, procedure, ramp, kv, newAlerts);
    }

    /** A scenario with one rate (no ramp) and no kv options. */
    public Scenario(String name, String description, String workload, Integer nodes, Double rate, Integer concurrency,
                    Duration duration, Duration opTimeout, Duration convergeWithin, String reads, String isolation, Long seed,
                    List<Step> schedule, List<String> checkers, Slo slo, List<Procedure> procedure) {
        this(name, description, workload, nodes, rate, concurrency, duration, opTimeout, convergeWithin, reads, isolation, seed,
                schedule, checkers, slo, procedure, null, null);
    }

    /** A scenario with a ramp and no isolation level. */
    public Scenario(String name, String description, String workload, Integer nodes, Double rate, Integer concurrency,
                    Duration duration, Duration opTimeout, Duration convergeWithin, String reads, Long seed,
                    List<Step> schedule, List<String> checkers, Slo slo, List<Procedure> procedure, Ramp ramp) {
        this(name, description, workload, nodes, rate, concurrency, duration, opTimeout, convergeWithin, reads, null, seed,
                schedule, checkers, slo, procedure, ramp, null);
    }

    /** The scenario before isolation levels and ramps existed (neither given). */
    public Scenario(String name, String description, String workload, Integer nodes, Double rate, Integer concurrency,
                    Duration duration, Duration opTimeout, Duration convergeWithin, String reads, Long seed,
                    List<Step> schedule, List<String> checkers, Slo slo, List<Procedure> procedure) {
        this(name, description, workload, nodes, rate, concurrency, duration, opTimeout, convergeWithin, reads, null, seed,
                schedule, checkers, slo, procedure, null, null);
    }

    /** The scenario before procedures existed (no procedure). */
    public Scenario(String name, String description, String workload, Integer nodes, Double rate, Integer concurrency,
                    Duration duration, Duration opTimeout, Duration convergeWithin, String reads, Long seed,
                    List<Step> schedule, List<String> checkers, Slo slo) {
        this(name, description, workload, nodes, rate, concurrency, duration, opTimeout, convergeWithin, reads, null, seed,
                schedule, checkers, slo, null);
    }

    /** The procedures, never null. */
    public List<Procedure> procedures() {
        return procedure == null ? List.of() : procedure;
    }

    /**
     * Every absent field with its default (the checkers stay null: they depend on the workload; the
     * isolation is serializable for a transactional workload and stays absent for the others).
     */
    public Scenario withDefaults() {
        String w = workload == null ? DEFAULT_WORKLOAD : workload;
        String iso = isolation == null && Workloads.TRANSACTIONAL.contains(w) ? Isolation.SERIALIZABLE.id() : isolation;
        return new Scenario(name, description == null ? "" : description, w,
                nodes == null ? 5 : nodes, rate == null && ramp == null ? Double.valueOf(100.0) : rate, concurrency == null ? 10 : concurrency,
                duration == null ? Duration.ofSeconds(60) : duration, opTimeout == null ? Duration.ofSeconds(5) : opTimeout,
                convergeWithin == null ? Duration.ofSeconds(60) : convergeWithin, reads == null ? "linearizable" : reads, iso, seed,
                schedule == null ? List.of() : schedule, checkers, slo, procedure, ramp,
                kv != null ? kv.withDefaults() : "kv".equals(w) ? KvOptions.DEFAULTS : null, alerts);
    }

    /** The same scenario under another name. */
    public Scenario withName(String newName) {
        return new Scenario(newName, description, workload, nodes, rate, concurrency, duration, opTimeout, convergeWithin, reads,
                isolation, seed, schedule, checkers, slo, procedure, ramp, kv, alerts);
    }

    /** The same scenario judged by other checkers. */
    public Scenario withCheckers(List<String> newCheckers) {
        return new Scenario(name, description, workload, nodes, rate, concurrency, duration, opTimeout, convergeWithin, reads,
                isolation, seed, schedule, newCheckers, slo, procedure, ramp, kv, alerts);
    }

    /** The isolation level the transactions ask for: the scenario's, or serializable. */
    public Isolation isolationLevel() {
        Isolation i = Isolation.of(isolation);
        return i == null ? Isolation.SERIALIZABLE : i;
    }

    public boolean syncReads() {
        return !"serializable".equals(reads);
    }

    /**
     * The same scenario over another duration: every schedule time (at, hold, every, interval)
     * stretched or shrunk in proportion, so a schedule written for 120 s keeps its shape in 60 s.
     */
    public Scenario scaledTo(Duration newDuration) {
        if (duration == null || duration.equals(newDuration)) {
            return withDuration(newDuration);
        }
        double f = newDuration.toMillis() / (double) duration.toMillis();
        List<Step> s = null;
        if (schedule != null) {
            s = new ArrayList<>();
            for (Step step : schedule) {
                s.add(step.scaled(f));
            }
        }
        List<Procedure> p = null;
        if (procedure != null) {
            p = new ArrayList<>();
            for (Procedure pr : procedure) {
                p.add(pr.scaled(f));
            }
        }
        return new Scenario(name, description, workload, nodes, rate, concurrency, newDuration, opTimeout, convergeWithin,
                reads, isolation, seed, s, checkers, slo, p, ramp, kv, alerts);
    }

    private Scenario withDuration(Duration d) {
        return new Scenario(name, description, workload, nodes, rate, concurrency, d, opTimeout, convergeWithin, reads, isolation,
                seed, schedule, checkers, slo, procedure, ramp, kv, alerts);
    }

    /** Time for clients only, before the final heal's recovery: faults must fit before it. */
    public Duration recovery() {
        return Duration.ofMillis(Math.min(10_000, duration.toMillis() / 6));
    }

    /** Faults happen in [0, faultWindowEnd): the final heal comes at its end. */
    public Duration faultWindowEnd() {
        return duration.minus(recovery());
    }
}
