package dev.chaos.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of latencies, fed from many client threads at once without a lock: one
 * {@link LongAdder} per bucket (striped, so concurrent adds rarely touch one cache line) and one
 * for the sum. A reader adds the buckets up as it writes them, so each scrape's cumulative counts
 * and {@code _count} agree with each other even while calls land.
 */
final class LatencyHistogram {

    /** Upper bounds in seconds: local ZooKeeper calls take about a millisecond, timeouts seconds. */
    static final double[] BOUNDS_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private static final long[] BOUNDS_NANOS = new long[BOUNDS_SECONDS.length];

    static {
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            BOUNDS_NANOS[i] = Math.round(BOUNDS_SECONDS[i] * 1e9);
        }
    }

    private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length + 1]; // the last: above every bound
    private final LongAdder sumNanos = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void observe(long nanos) {
        long n = Math.max(0, nanos);
        int i = 0;
        while (i < BOUNDS_NANOS.length && n > BOUNDS_NANOS[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(n);
    }

    /** The {@code _bucket}, {@code _sum} and {@code _count} samples; {@code labels} as for every sample of the family. */
    void write(PrometheusText out, String name, String... labels) {
        String[] withLe = java.util.Arrays.copyOf(labels, labels.length + 2);
        withLe[labels.length] = "le";
        long cumulative = 0;
        for (int i = 0; i < buckets.length; i++) {
            cumulative += buckets[i].sum();
            withLe[labels.length + 1] = i < BOUNDS_SECONDS.length ? PrometheusText.number(BOUNDS_SECONDS[i]) : "+Inf";
            out.sample(name + "_bucket", cumulative, withLe);
        }
        out.sample(name + "_sum", sumNanos.sum() / 1e9, labels);
        out.sample(name + "_count", cumulative, labels);
    }
}
