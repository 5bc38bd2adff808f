package dev.chaos.workload;

import java.util.Random;

/** Every key equally likely. */
public record UniformKeys(int keys) implements KeyDistribution {

    public UniformKeys {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be at least 1, not " + keys);
        }
    }

    @Override
    public int next(Random random) {
        return random.nextInt(keys);
    }
}
