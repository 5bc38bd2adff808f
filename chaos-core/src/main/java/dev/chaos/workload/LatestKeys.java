package dev.chaos.workload;

import java.util.Random;
import java.util.function.IntSupplier;

/**
 * YCSB's "latest": zipfian over recency, the most recently inserted key the most popular. Keys are
 * inserted in index order, so with {@code n} inserted the draw is {@code n-1 - zipf(n)}; before the
 * first insert it is key 0.
 */
public record LatestKeys(ZipfianKeys zipfian, IntSupplier inserted) implements KeyDistribution {

    @Override
    public int next(Random random) {
        int n = Math.min(Math.max(1, inserted.getAsInt()), zipfian.keys());
        return n - 1 - zipfian.rank(random, n);
    }
}
