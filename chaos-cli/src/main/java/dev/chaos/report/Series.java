package dev.chaos.report;

import dev.chaos.history.Call;
import java.util.Arrays;
import java.util.List;

/**
 * Throughput and latency over time, for histories with times. The run is cut into at most
 * {@value #MAX_BUCKETS} equal slices of a round width; per slice: completions by outcome (by
 * completion time) and the p50, p99 and max latency of ok calls (by invocation time, exact: sorted,
 * not estimated). The latency scatter shows every ok call up to {@value #MAX_POINTS} (evenly sampled
 * beyond) and every fail and info call with a completion time: anomalies are never sampled away.
 * The convergence probe's final reads are left out (they are not load).
 *
 * @param width  slice width, ms
 * @param ok     per slice: ok completions
 * @param fail   per slice: fail completions
 * @param info   per slice: info completions
 * @param p50    per slice: median ok latency, ms (-1: no ok call began in it)
 * @param p99    per slice: 99th percentile ok latency, ms (-1 likewise)
 * @param max    per slice: largest ok latency, ms (-1 likewise)
 * @param px     scatter: x of the invocation
 * @param py     scatter: latency, ms
 * @param pt     scatter: 0 ok, 1 fail, 2 info
 * @param okPoints ok calls in the scatter
 * @param okTotal  ok calls with a latency
 */
record Series(double width, int[] ok, int[] fail, int[] info, double[] p50, double[] p99, double[] max,
              double[] px, double[] py, int[] pt, long okPoints, long okTotal) {

    static final int MAX_BUCKETS = 240;
    static final int MAX_POINTS = 10_000;

    /** Null for a history without times: there is no time to plot against. */
    static Series of(List<Call> calls, Axis axis) {
        if (!axis.timed()) {
            return null;
        }
        double width = niceWidth(axis.max() / MAX_BUCKETS);
        int n = Math.max(1, (int) Math.ceil(axis.max() / width) + 1);
        int[] ok = new int[n];
        int[] fail = new int[n];
        int[] info = new int[n];
        int[] okStarted = new int[n];
        long okTotal = 0;
        for (Call c : calls) {
            if (c.invoke().isFinal() || c.completion() == null) {
                continue;
            }
            int b = bucket(axis.x(c.completion()), width, n);
            if (c.isOk()) {
                ok[b]++;
                okStarted[bucket(axis.x(c.invoke()), width, n)]++;
                okTotal++;
            } else if (c.isFail()) {
                fail[b]++;
            } else {
                info[b]++;
            }
        }
        long[][] lat = new long[n][];
        for (int i = 0; i < n; i++) {
            lat[i] = new long[okStarted[i]];
        }
        int[] fill = new int[n];
        long stride = Math.max(1, (okTotal + MAX_POINTS - 1) / MAX_POINTS);
        Points points = new Points();
        long okSeen = 0;
        long okPoints = 0;
        for (Call c : calls) {
            if (c.invoke().isFinal() || c.completion() == null) {
                continue;
            }
            long nanos = c.latencyNanos();
            double x = axis.x(c.invoke());
            if (c.isOk()) {
                int b = bucket(x, width, n);
                lat[b][fill[b]++] = nanos;
                if (okSeen++ % stride == 0) {
                    points.add(x, Axis.ms(nanos), 0);
                    okPoints++;
                }
            } else {
                points.add(x, Axis.ms(nanos), c.isFail() ? 1 : 2);
            }
        }
        double[] p50 = new double[n];
        double[] p99 = new double[n];
        double[] max = new double[n];
        for (int i = 0; i < n; i++) {
            long[] l = lat[i];
            if (l.length == 0) {
                p50[i] = p99[i] = max[i] = -1;
                continue;
            }
            Arrays.sort(l);
            p50[i] = Axis.ms(l[rank(l.length, 0.50)]);
            p99[i] = Axis.ms(l[rank(l.length, 0.99)]);
            max[i] = Axis.ms(l[l.length - 1]);
        }
        return new Series(width, ok, fail, info, p50, p99, max, points.x(), points.y(), points.t(), okPoints, okTotal);
    }

    /** Nearest-rank percentile index. */
    private static int rank(int count, double q) {
        return Math.min(count - 1, Math.max(0, (int) Math.ceil(q * count) - 1));
    }

    private static int bucket(double x, double width, int n) {
        return Math.min(n - 1, Math.max(0, (int) (x / width)));
    }

    /** The smallest of 1, 2, 5 × 10^k ms at least {@code raw}; at least 1 ms. */
    static double niceWidth(double raw) {
        double w = 1;
        while (w < raw) {
            if (w * 2 >= raw) {
                return w * 2;
            }
            if (w * 5 >= raw) {
                return w * 5;
            }
            w *= 10;
        }
        return w;
    }

    private static final class Points {
        private int n;
        private double[] x = new double[1024];
        private double[] y = new double[1024];
        private int[] t = new int[1024];

        void add(double px, double py, int pt) {
            if (n == x.length) {
                x = Arrays.copyOf(x, n * 2);
                y = Arrays.copyOf(y, n * 2);
                t = Arrays.copyOf(t, n * 2);
            }
            x[n] = px;
            y[n] = py;
            t[n] = pt;
            n++;
        }

        double[] x() {
            return Arrays.copyOf(x, n);
        }

        double[] y() {
            return Arrays.copyOf(y, n);
        }

        int[] t() {
            return Arrays.copyOf(t, n);
        }
    }
}
