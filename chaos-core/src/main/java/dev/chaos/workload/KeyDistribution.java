package dev.chaos.workload;

import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * How a workload picks the key of its next operation, as YCSB's request distributions do: an index
 * in {@code 0..keys-1}, drawn from the {@link Random} the runner gives the client process (seeded),
 * so a run's key sequence follows from its seed.
 */
public sealed interface KeyDistribution permits UniformKeys, ZipfianKeys, LatestKeys, HotspotKeys {

    /** The distributions by the name a scenario file gives them. */
    List<String> NAMES = List.of("uniform", "zipfian", "latest", "hotspot");

    /** The next key index, in {@code 0..keys-1}. */
    int next(Random random);

    /**
     * The distribution {@code options} name.
     *
     * @param inserted how many keys exist so far (keys are inserted in index order); only
     *                 {@code latest} asks
     */
    static KeyDistribution of(KvOptions options, IntSupplier inserted) {
        KvOptions o = options.withDefaults();
        return switch (o.distribution()) {
            case "uniform" -> new UniformKeys(o.keys());
            case "zipfian" -> new ZipfianKeys(o.keys(), o.zipfianConstant());
            case "latest" -> new LatestKeys(new ZipfianKeys(o.keys(), o.zipfianConstant()), inserted);
            case "hotspot" -> new HotspotKeys(o.keys(), o.hotKeys(), o.hotOps());
            default -> throw new IllegalArgumentException("unknown key distribution '" + o.distribution() + "'; known: "
                    + String.join(", ", NAMES));
        };
    }
}
