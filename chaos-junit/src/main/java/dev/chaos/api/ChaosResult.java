package dev.chaos.api;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import dev.chaos.checker.linear.Counterexample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one chaos run found, as values to assert on: the verdict, each checker's, the acknowledged
 * writes that were lost, the linearizability counterexample, the SLO figures, and where the run
 * directory and report are. {@link #assertValid} turns it into a test failure a person can act on.
 *
 * @param scenario   the scenario's name, e.g. {@code clean-split}
 * @param target     the target's name
 * @param backend    {@code local} or {@code docker}
 * @param nodes      the cluster size
 * @param seed       the seed of every random choice; the same seed plans the same faults
 * @param verdict    the combined verdict: invalid if any checker is, else unknown if any is, else valid
 * @param results    each checker's result, in order (summary lines and details, as results.json has them)
 * @param ops        how many ops the history holds
 * @param wallMillis from the start to the last final read
 * @param runDir     the run directory (history.jsonl, results.json, report.html, junit.xml, run.log, nodes/)
 * @param report     report.html
 */
public record ChaosResult(String scenario, String target, String backend, int nodes, long seed, Verdict verdict,
                          List<CheckResult> results, long ops, long wallMillis, Path runDir, Path report) {

    /** How many lost elements the failure message lists before "... and N more". */
    static final int LISTED = 50;

    /** The results are copied, so the result is a value. */
    public ChaosResult {
        results = List.copyOf(results);
    }

    /** Every checker passed. */
    public boolean valid() {
        return verdict == Verdict.VALID;
    }

    /** Each checker's verdict by name, in the order they ran. */
    public Map<String, Verdict> verdicts() {
        Map<String, Verdict> m = new LinkedHashMap<>();
        results.forEach(r -> m.put(r.checker(), r.verdict()));
        return m;
    }

    /** One checker's result, e.g. {@code set}, {@code linearizable}, {@code slo}. */
    public Optional<CheckResult> checker(String name) {
        return results.stream().filter(r -> r.checker().equals(name)).findFirst();
    }

    /**
     * The acknowledged writes missing from every node's final read (the set checker's {@code lost}),
     * sorted; empty when none were lost or the workload has no set checker.
     */
    public List<Object> lostElements() {
        return checker("set").map(r -> r.details().get("lost")).filter(Collection.class::isInstance)
                .map(l -> List.<Object>copyOf((Collection<?>) l)).orElse(List.of());
    }

    /** Why the history is not linearizable, when the linearizable checker found it so. */
    public Optional<Counterexample> counterexample() {
        return checker("linearizable").map(r -> r.details().get("counterexample")).filter(Counterexample.class::isInstance)
                .map(Counterexample.class::cast);
    }

    /** The scenario's SLO thresholds and the measured figures; empty when it sets none. */
    public List<SloFigure> slo() {
        List<SloFigure> out = new ArrayList<>();
        checker("slo").map(r -> r.details().get("thresholds")).filter(List.class::isInstance).ifPresent(ts -> {
            for (Object t : (List<?>) ts) {
                if (t instanceof Map<?, ?> m) {
                    out.add(new SloFigure(String.valueOf(m.get("name")), (Number) m.get("threshold"), (Number) m.get("measured"),
                            String.valueOf(m.get("unit")), Boolean.TRUE.equals(m.get("valid")),
                            m.get("note") == null ? null : String.valueOf(m.get("note"))));
                }
            }
        });
        return out;
    }

    /** The longest failover of the run (fault start to the first acknowledged majority-side write), when one was measured. */
    public Optional<Long> maxFailoverMillis() {
        return checker("availability").map(r -> r.details().get("max-failover-ms")).filter(Number.class::isInstance)
                .map(n -> ((Number) n).longValue());
    }

    /**
     * Passes when every checker found the run valid; otherwise throws an {@link AssertionError}
     * whose message is {@link #summary}. An {@code unknown} verdict fails too: nothing was proven.
     *
     * @return this, for further assertions
     */
    public ChaosResult assertValid() {
        if (!valid()) {
            throw new AssertionError(summary());
        }
        return this;
    }

    /**
     * For a person: what ran, the verdict, the lost writes, every checker that did not pass with its
     * reasons (counterexample and SLO figures included), the valid ones by name, and where the report
     * and the history are, and the seed that plans the same faults again.
     */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append("chaos ").append(scenario).append(" on ").append(target).append(" (").append(nodes).append(" nodes, ")
                .append(backend).append(", seed ").append(seed).append("): ").append(verdict).append(" after ").append(ops)
                .append(" ops\n");
        List<Object> lost = lostElements();
        if (!lost.isEmpty()) {
            b.append("  lost: ").append(lost.size()).append(" acknowledged writes missing from every final read: ")
                    .append(lost.subList(0, Math.min(LISTED, lost.size())))
                    .append(lost.size() > LISTED ? " and " + (lost.size() - LISTED) + " more (results.json lists all)" : "").append('\n');
        }
        List<String> passed = new ArrayList<>();
        for (CheckResult r : results) {
            if (r.verdict() == Verdict.VALID) {
                passed.add(r.checker());
                continue;
            }
            b.append("  ").append(r.verdict()).append(' ').append(r.checker()).append('\n');
            r.summary().forEach(line -> b.append("      ").append(line).append('\n'));
        }
        if (!passed.isEmpty()) {
            b.append("  valid: ").append(String.join(", ", passed)).append('\n');
        }
        b.append("  report:  ").append(report.toAbsolutePath()).append('\n');
        b.append("  history: ").append(runDir.toAbsolutePath().resolve("history.jsonl"))
                .append(" (re-check offline: chaos check <history>)\n");
        b.append("  again:   .seed(").append(seed).append(") plans the same faults at the same times");
        return b.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
