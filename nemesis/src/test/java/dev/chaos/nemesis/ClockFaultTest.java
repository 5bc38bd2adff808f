package dev.chaos.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.cluster.ClockControl;
import dev.chaos.run.Nemesis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Given a cluster's clocks, a clock fault sets them off as recorded and sets them back at its stop. */
class ClockFaultTest {

    private static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5");

    /** The offsets the cluster holds now, per node (absent: never set). */
    private final Map<String, Duration> clocks = new TreeMap<>();
    private final ClockControl control = clocks::put;

    @SuppressWarnings("unchecked")
    private static Map<String, Long> offsets(Nemesis.Event e) {
        return (Map<String, Long>) ((Map<String, Object>) e.value()).get("offsets");
    }

    @Test
    void skewSetsEveryNodeOffWithinTheBoundAndRecordsWhatItSet() throws Exception {
        ClockFault skew = ClockFault.skew(NODES, control, Duration.ofSeconds(60)).withSettle(Duration.ZERO);
        Nemesis.Event started = skew.start(new Random(7));
        assertEquals("clock-skew", started.fault());
        assertEquals(NODES, List.copyOf(offsets(started).keySet()));
        for (String n : NODES) {
            long ms = offsets(started).get(n);
            assertEquals(ms, clocks.get(n).toMillis(), n + ": recorded what was set");
            assertTrue(ms != 0 && Math.abs(ms) <= 60_000 && ms % 1000 == 0, n + ": " + ms);
        }
        assertNull(skew.advance(new Random(1)), "a skew is held, not stepped");
        Nemesis.Event stopped = skew.stop();
        for (String n : NODES) {
            assertEquals(0L, offsets(stopped).get(n));
            assertEquals(Duration.ZERO, clocks.get(n));
        }
    }

    @Test
    void theSameSeedSkewsTheSameWay() throws Exception {
        Map<String, Long> a = offsets(ClockFault.skew(NODES, control, Duration.ofSeconds(30)).start(new Random(42)));
        Map<String, Long> b = offsets(ClockFault.skew(NODES, control, Duration.ofSeconds(30)).start(new Random(42)));
        assertEquals(a, b);
        assertTrue(a.values().stream().distinct().count() > 1, "nodes disagree: " + a);
    }

    @Test
    void aBumpMovesOneNodeByTheOffset() throws Exception {
        ClockFault bump = ClockFault.bump(NODES, control, Duration.ofSeconds(-120)).withSettle(Duration.ZERO);
        Map<String, Long> set = offsets(bump.start(new Random(3)));
        assertEquals(1, set.size());
        String victim = set.keySet().iterator().next();
        assertEquals(-120_000L, set.get(victim));
        assertEquals(Map.of(victim, Duration.ofSeconds(-120)), clocks);
        assertEquals(Map.of(victim, 0L), offsets(bump.stop()));
        assertEquals(Map.of(victim, Duration.ZERO), clocks);
    }

    @Test
    void aStrobeFlipsBetweenTheOffsetAndRealTimeAtEachAdvance() throws Exception {
        ClockFault strobe = ClockFault.strobe(NODES, control, Duration.ofSeconds(30)).withSettle(Duration.ZERO);
        String victim = offsets(strobe.start(new Random(5))).keySet().iterator().next();
        long[] expected = {0, 30_000, 0, 30_000};
        for (long ms : expected) {
            Nemesis.Event step = strobe.advance(new Random(5));
            assertEquals(Map.of(victim, ms), offsets(step));
            assertEquals(Duration.ofMillis(ms), clocks.get(victim));
        }
        assertEquals(Map.of(victim, 0L), offsets(strobe.stop()));
        assertEquals(Duration.ZERO, clocks.get(victim));
        assertEquals(Map.of(), offsets(strobe.stop()), "a second stop sets nothing");
    }

    @Test
    void theEffectBeforeTheStopIsEachOffsetAsSetAndAsSeen() throws Exception {
        ClockControl seeing = new ClockControl() {
            @Override
            public void setClockOffset(String node, Duration offset) {
                clocks.put(node, offset);
            }

            @Override
            public Long clockOffsetSeen(String node) {
                return node.equals("n2") ? null : clocks.get(node).toMillis() + 7; // n2 cannot be looked at
            }
        };
        ClockFault skew = ClockFault.skew(NODES, seeing, Duration.ofSeconds(60)).withSettle(Duration.ZERO);
        Map<String, Long> set = offsets(skew.start(new Random(11)));
        @SuppressWarnings("unchecked")
        Map<String, Object> effect = (Map<String, Object>) skew.effect().value();
        assertEquals(set, effect.get("set"));
        Map<String, Long> expected = new TreeMap<>();
        set.forEach((n, ms) -> {
            if (!n.equals("n2")) {
                expected.put(n, ms + 7);
            }
        });
        assertEquals(expected, effect.get("seen"));
        skew.stop();
        assertNull(skew.effect(), "nothing held, nothing to measure");
    }

    @Test
    void healAllSetsTheClocksBackAfterAnAbortedRun() throws Exception {
        ClockFault skew = ClockFault.skew(NODES, control, Duration.ofSeconds(5)).withSettle(Duration.ZERO);
        skew.start(new Random(9));
        skew.healAll();
        skew.healAll();
        assertTrue(clocks.values().stream().allMatch(Duration::isZero), clocks.toString());
    }
}
