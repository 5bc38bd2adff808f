package dev.chaos.checker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latency histograms as every checker keeps them: microseconds, 3 significant digits, up to an hour
 * (longer latencies are recorded as an hour), and one shape of percentiles in results.
 */
public final class Latencies {

    private static final long MAX_MICROS = 3_600_000_000L;

    private Latencies() {
    }

    public static Histogram histogram() {
        return new Histogram(MAX_MICROS, 3);
    }

    /** Records a latency given in nanoseconds. */
    public static void record(Histogram h, long nanos) {
        h.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
    }

    /** count, p50, p90, p95, p99, p999 and max, in microseconds. */
    public static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50", h.getValueAtPercentile(50));
        m.put("p90", h.getValueAtPercentile(90));
        m.put("p95", h.getValueAtPercentile(95));
        m.put("p99", h.getValueAtPercentile(99));
        m.put("p999", h.getValueAtPercentile(99.9));
        m.put("max", h.getMaxValue());
        return m;
    }
}
