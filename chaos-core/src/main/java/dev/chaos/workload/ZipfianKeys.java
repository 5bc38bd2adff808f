package dev.chaos.workload;

import java.util.Random;

/**
 * Zipfian key popularity, by the generator of Gray et al. ("Quickly generating billion-record
 * synthetic databases", SIGMOD 1994) that YCSB's ZipfianGenerator uses: key {@code i} (from 0) is
 * drawn with probability proportional to {@code 1 / (i+1)^theta}, theta being YCSB's zipfian
 * constant (0.99 by default). With 1000 keys and 0.99 the hottest key takes about 13% of draws.
 *
 * <p>Not scrambled: key 0 is the hottest, key 1 the next, and so on. YCSB scrambles (hashes ranks
 * over the key space) so that hot keys do not cluster on one shard; the built-in targets replicate
 * every key to every node, so clustering changes nothing here, and an unscrambled hottest key is the
 * one a reader of the history looks for first ({@code r0}).
 *
 * <p>The zeta sums for every item count up to {@code keys} are kept, so {@link LatestKeys} can draw
 * over a key space that grows without recomputing them.
 */
public final class ZipfianKeys implements KeyDistribution {

    /** YCSB's default zipfian constant. */
    public static final double DEFAULT_CONSTANT = 0.99;

    private final int keys;
    private final double theta;
    private final double alpha;
    /** {@code zeta[n]} = sum over i in 1..n of 1/i^theta. */
    private final double[] zeta;

    public ZipfianKeys(int keys, double theta) {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be at least 1, not " + keys);
        }
        if (!(theta > 0 && theta < 1)) {
            throw new IllegalArgumentException("the zipfian constant must be between 0 and 1 (exclusive), not " + theta);
        }
        this.keys = keys;
        this.theta = theta;
        this.alpha = 1 / (1 - theta);
        this.zeta = new double[Math.max(keys, 2) + 1];
        for (int i = 1; i < zeta.length; i++) {
            zeta[i] = zeta[i - 1] + 1 / Math.pow(i, theta);
        }
    }

    public int keys() {
        return keys;
    }

    public double constant() {
        return theta;
    }

    @Override
    public int next(Random random) {
        return rank(random, keys);
    }

    /** A zipfian rank in {@code 0..n-1} (0 the most popular), for {@code 1 <= n <= keys}. */
    int rank(Random random, int n) {
        double u = random.nextDouble();
        if (n == 1) {
            return 0;
        }
        double zetaN = zeta[n];
        double uz = u * zetaN;
        if (uz < 1) {
            return 0;
        }
        if (uz < 1 + Math.pow(0.5, theta)) {
            return 1;
        }
        double eta = (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta[2] / zetaN);
        int r = (int) (n * Math.pow(eta * u - eta + 1, alpha));
        return Math.min(r, n - 1);
    }
}
