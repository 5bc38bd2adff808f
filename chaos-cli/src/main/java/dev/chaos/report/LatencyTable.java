package dev.chaos.report;

import dev.chaos.checker.Latencies;
import dev.chaos.history.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles per function and outcome, from HdrHistogram as the checkers keep them
 * ({@link Latencies}: 3 significant digits). Only completed calls with times; the convergence
 * probe's final reads are left out. Rows are service time (invocation to completion); one more row
 * gives acknowledged calls' response time from their intended start (their slot in the rate
 * schedule, {@link Call#responseNanos}), when the history has intended starts.
 */
final class LatencyTable {

    static final int MAX_FUNCTIONS = 50;
    static final String OTHER = "(other functions)";
    /** The outcome column of the row measured from the intended start rather than the invocation. */
    static final String RESPONSE = "ok, from intended start";

    private LatencyTable() {
    }

    /** One row, in milliseconds. */
    record Row(String f, String outcome, long count, double p50, double p90, double p95, double p99, double p999,
               double max) {
    }

    static List<Row> of(List<Call> calls) {
        Map<String, Map<String, Histogram>> byF = new TreeMap<>();
        Histogram allOk = Latencies.histogram();
        Histogram allOkResponse = Latencies.histogram();
        for (Call c : calls) {
            long nanos = c.latencyNanos();
            if (nanos < 0 || c.invoke().isFinal()) {
                continue;
            }
            String outcome = c.completion().type().wire();
            // a histogram is ~190 KB: a hostile history with a million function names must not get a million
            String f = byF.containsKey(c.f()) || byF.size() < MAX_FUNCTIONS ? c.f() : OTHER;
            Latencies.record(byF.computeIfAbsent(f, k -> new TreeMap<>()).computeIfAbsent(outcome, k -> Latencies.histogram()), nanos);
            if (c.isOk()) {
                Latencies.record(allOk, nanos);
                if (c.invoke().intended() >= 0) {
                    Latencies.record(allOkResponse, c.responseNanos());
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        if (allOk.getTotalCount() > 0) {
            rows.add(row("all", "ok", allOk));
        }
        if (allOkResponse.getTotalCount() > 0) {
            rows.add(row("all", RESPONSE, allOkResponse));
        }
        byF.forEach((f, byOutcome) -> byOutcome.forEach((outcome, h) -> rows.add(row(f, outcome, h))));
        return rows;
    }

    private static Row row(String f, String outcome, Histogram h) {
        Map<String, Object> p = Latencies.percentiles(h);
        return new Row(OpText.cut(f), outcome, h.getTotalCount(), ms(p.get("p50")), ms(p.get("p90")), ms(p.get("p95")),
                ms(p.get("p99")), ms(p.get("p999")), ms(p.get("max")));
    }

    private static double ms(Object micros) {
        return ((Number) micros).longValue() / 1000.0;
    }
}
