package dev.chaos.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each distribution's shape on 100 000 draws from a fixed seed. */
class KeyDistributionTest {

    static final int DRAWS = 100_000;

    private static int[] counts(KeyDistribution d, int keys) {
        Random random = new Random(42);
        int[] c = new int[keys];
        for (int i = 0; i < DRAWS; i++) {
            c[d.next(random)]++;
        }
        return c;
    }

    private static double zeta(int n, double theta) {
        double z = 0;
        for (int i = 1; i <= n; i++) {
            z += 1 / Math.pow(i, theta);
        }
        return z;
    }

    @Test
    void uniformIsFlat() {
        int[] c = counts(new UniformKeys(100), 100);
        for (int k = 0; k < 100; k++) {
            assertTrue(Math.abs(c[k] - 1000) < 150, "key " + k + " drawn " + c[k] + " times, expected about 1000");
        }
    }

    @Test
    void zipfianTopKeysTakeTheirZipfShare() {
        int[] c = counts(new ZipfianKeys(1000, 0.99), 1000);
        double z = zeta(1000, 0.99);
        for (int k = 0; k < 3; k++) {
            double expected = 1 / Math.pow(k + 1, 0.99) / z; // k0 about 0.134
            assertEquals(expected, c[k] / (double) DRAWS, 0.01, "share of key " + k);
        }
        assertTrue(c[0] > c[1] && c[1] > c[2] && c[2] > c[10] && c[10] > c[500], "popularity falls with the rank");
        int top10 = 0;
        for (int k = 0; k < 10; k++) {
            top10 += c[k];
        }
        double expectedTop10 = 0;
        for (int k = 1; k <= 10; k++) {
            expectedTop10 += 1 / Math.pow(k, 0.99) / z;
        }
        // Gray's formula is exact for ranks 0 and 1 and an approximation beyond
        assertEquals(expectedTop10, top10 / (double) DRAWS, 0.03, "top 10 keys' share");
    }

    @Test
    void zipfianConstantShapesTheSkew() {
        int flat = counts(new ZipfianKeys(1000, 0.5), 1000)[0];
        int steep = counts(new ZipfianKeys(1000, 0.99), 1000)[0];
        assertTrue(steep > 3 * flat, "theta 0.99 gives key 0 " + steep + " draws, theta 0.5 " + flat);
    }

    @Test
    void latestFavoursTheNewestKeys() {
        int[] c = counts(new LatestKeys(new ZipfianKeys(1000, 0.99), () -> 600), 1000);
        assertEquals(0, java.util.Arrays.stream(c, 600, 1000).sum(), "keys not yet inserted are never drawn");
        assertEquals(1 / zeta(600, 0.99), c[599] / (double) DRAWS, 0.01, "the newest key's share");
        assertTrue(c[599] > c[598] && c[598] > c[590] && c[590] > c[0], "newer keys are drawn more");
        int newestTenth = java.util.Arrays.stream(c, 540, 600).sum();
        assertTrue(newestTenth > DRAWS / 2, "the newest tenth of the keys takes " + newestTenth + " of " + DRAWS);
    }

    @Test
    void latestBeforeAnyInsertIsKeyZero() {
        assertEquals(DRAWS, counts(new LatestKeys(new ZipfianKeys(10, 0.99), () -> 0), 10)[0]);
    }

    @Test
    void hotspotGivesTheHotFractionOfKeysTheHotFractionOfOps() {
        HotspotKeys h = new HotspotKeys(1000, 0.2, 0.8);
        assertEquals(200, h.hotCount());
        int[] c = counts(h, 1000);
        int hot = java.util.Arrays.stream(c, 0, 200).sum();
        assertEquals(0.8, hot / (double) DRAWS, 0.01, "hot keys' share of the ops");
        for (int block = 0; block < 1000; block += 100) {
            int sum = java.util.Arrays.stream(c, block, block + 100).sum();
            double expected = block < 200 ? DRAWS * 0.8 / 2 : DRAWS * 0.2 / 8; // uniform within the hot and the cold set
            assertEquals(expected, sum, expected * 0.1, "keys " + block + ".." + (block + 99));
        }
    }

    @Test
    void aFixedSeedGivesTheSameKeys() {
        assertEquals(java.util.Arrays.toString(counts(new ZipfianKeys(50, 0.99), 50)),
                java.util.Arrays.toString(counts(new ZipfianKeys(50, 0.99), 50)));
    }
}
