package dev.chaos.workload;

import java.util.Random;

/**
 * YCSB's "hotspot": the first {@code hotKeys} fraction of the keys (hotspotdatafraction) gets the
 * {@code hotOps} fraction of the draws (hotspotopnfraction), uniformly within the hot set and within
 * the cold rest. At least one key is hot; when every key is hot, every draw is from the hot set.
 */
public record HotspotKeys(int keys, double hotKeys, double hotOps) implements KeyDistribution {

    public HotspotKeys {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be at least 1, not " + keys);
        }
        if (!(hotKeys >= 0 && hotKeys <= 1) || !(hotOps >= 0 && hotOps <= 1)) {
            throw new IllegalArgumentException("hot-keys and hot-ops are fractions between 0 and 1");
        }
    }

    /** How many keys are hot: keys 0..hotCount-1. */
    public int hotCount() {
        return (int) Math.max(1, Math.min(keys, Math.round(keys * hotKeys)));
    }

    @Override
    public int next(Random random) {
        int hot = hotCount();
        if (hot == keys || random.nextDouble() < hotOps) {
            return random.nextInt(hot);
        }
        return hot + random.nextInt(keys - hot);
    }
}
