package dev.chaos.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.fault.Grudge;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The grudge each partition kind chooses: its shape, for any seed and cluster size. */
class PartitionGrudgeTest {

    private static List<String> nodes(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> "n" + i).toList();
    }

    /** The nodes {@code node} still hears and is heard by, itself included. */
    private static Set<String> sees(Grudge g, String node, List<String> all) {
        Set<String> out = new TreeSet<>();
        for (String m : all) {
            if (m.equals(node) || (!g.drops().getOrDefault(node, Set.of()).contains(m) && !g.drops().getOrDefault(m, Set.of()).contains(node))) {
                out.add(m);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {3, 5, 7})
    void cleanSplitCutsAMinorityFromTheMajorityBothWays(int n) {
        Grudge g = Partition.cleanSplitGrudge(nodes(n), new Random(n));
        assertEquals(n - (n - 1) / 2, g.majority().size());
        for (String a : g.drops().keySet()) {
            for (String b : g.drops().get(a)) {
                assertTrue(g.drops().get(b).contains(a), "symmetric: " + g);
            }
        }
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {3, 5, 7})
    void asymmetricDropsOnlyTheMinoritysTrafficToTheMajority(int n) {
        Grudge g = Partition.asymmetricGrudge(nodes(n), new Random(n));
        Set<String> minority = new TreeSet<>(nodes(n));
        minority.removeAll(g.drops().keySet());
        assertEquals((n - 1) / 2, minority.size(), g.toString());
        for (Set<String> dropped : g.drops().values()) {
            assertEquals(minority, dropped, "every majority node drops exactly the minority");
        }
        for (String m : minority) {
            assertFalse(g.drops().containsKey(m), "the minority still hears everyone");
        }
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {3, 4, 5, 7})
    void bridgeLeavesOneNodeReachingBothHalves(int n) {
        List<String> all = nodes(n);
        Grudge g = Partition.bridgeGrudge(all, new Random(n));
        List<String> bridges = all.stream().filter(x -> !g.drops().containsKey(x)).toList();
        assertEquals(1, bridges.size(), g.toString());
        assertEquals(new TreeSet<>(all), sees(g, bridges.get(0), all), "the bridge sees everyone");
        for (String x : g.drops().keySet()) {
            assertTrue(sees(g, x, all).size() < n, "everyone else is cut from the other half");
        }
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {5, 7, 9})
    void majoritiesRingGivesEveryNodeADifferentMajority(int n) {
        List<String> all = nodes(n);
        Grudge g = Partition.majoritiesRingGrudge(all, new Random(n));
        Set<Set<String>> views = new HashSet<>();
        for (String x : all) {
            Set<String> v = sees(g, x, all);
            assertTrue(v.size() * 2 > n, x + " sees a majority: " + v);
            assertTrue(v.size() < n, x + " does not see everyone");
            views.add(v);
        }
        assertEquals(n, views.size(), "no two nodes see the same majority");
    }

    @Test
    void theSameSeedChoosesTheSameGrudge() {
        assertEquals(Partition.cleanSplitGrudge(nodes(5), new Random(3)), Partition.cleanSplitGrudge(nodes(5), new Random(3)));
    }
}
