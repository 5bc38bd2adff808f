package dev.chaos.checker.availability;

import dev.chaos.checker.Latencies;
import dev.chaos.history.Call;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Counts and latencies of a group of calls (a phase, a side of a partition, a whole run): service
 * time (invocation to completion) and response time (intended start to completion).
 */
public final class Tally {
    long count;
    long ok;
    long fail;
    long info;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    final Histogram latency = Latencies.histogram();
    final Histogram response = Latencies.histogram();

    public void add(Call c) {
        count++;
        first = Math.min(first, c.invoke().time());
        last = Math.max(last, c.completion() != null && c.completion().time() >= 0 ? c.completion().time() : c.invoke().time());
        if (c.isOk()) {
            ok++;
            Latencies.record(latency, c.latencyNanos());
            Latencies.record(response, c.responseNanos());
        } else if (c.isFail()) {
            fail++;
        } else {
            info++;
        }
    }

    public long count() {
        return count;
    }

    public double okRate() {
        return count == 0 ? 0 : ok / (double) count;
    }

    /** Fraction of calls that completed fail or info (or never completed). */
    public double errorRate() {
        return count == 0 ? 0 : (count - ok) / (double) count;
    }

    /** Service time of acknowledged calls at a percentile, in microseconds; -1 when there were none. */
    public long latencyMicrosAt(double percentile) {
        return latency.getTotalCount() == 0 ? -1 : latency.getValueAtPercentile(percentile);
    }

    /**
     * Response time (from the intended start, {@link Call#responseNanos}) of acknowledged calls at a
     * percentile, in microseconds; -1 when there were none.
     */
    public long responseMicrosAt(double percentile) {
        return response.getTotalCount() == 0 ? -1 : response.getValueAtPercentile(percentile);
    }

    double okPerSecond() {
        return last <= first ? 0 : ok * 1e9 / (last - first);
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ops", count);
        m.put("ok", ok);
        m.put("fail", fail);
        m.put("info", info);
        m.put("ok-rate", Math.round(okRate() * 10000) / 10000.0);
        m.put("ok-per-second", Math.round(okPerSecond() * 10) / 10.0);
        if (latency.getTotalCount() > 0) {
            m.put("latency-us", Latencies.percentiles(latency));
            m.put("response-us", Latencies.percentiles(response));
        }
        return m;
    }
}
