package dev.chaos.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given schedule steps and a fault window, expect exactly these occurrences, times from the run start. */
class ScheduleTest {

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static Step step(String fault, long at, long hold, Long every, Integer repeat) {
        return new Step(fault, null, s(at), s(hold), every == null ? null : s(every), repeat, null, null, null, null);
    }

    @Test
    void aSingleStepStartsAtItsTimeAndStopsAfterItsHold() {
        List<Schedule.Occurrence> plan = Schedule.expand(List.of(step("clean-split", 10, 30, null, null)), s(50), 1);
        assertEquals(1, plan.size());
        assertEquals(s(10), plan.get(0).start());
        assertEquals(s(40), plan.get(0).stop());
        assertEquals("clean-split", plan.get(0).kind());
    }

    @Test
    void aRepeatingStepOccursWhileItStartsInsideTheWindowAndTheLastIsClippedToTheFinalHeal() {
        List<Schedule.Occurrence> plan = Schedule.expand(List.of(step("isolate", 5, 10, 20L, null)), s(50), 1);
        assertEquals(List.of(s(5), s(25), s(45)), plan.stream().map(Schedule.Occurrence::start).toList());
        assertEquals(List.of(s(15), s(35), s(50)), plan.stream().map(Schedule.Occurrence::stop).toList());
    }

    @Test
    void repeatBoundsTheOccurrences() {
        List<Schedule.Occurrence> plan = Schedule.expand(List.of(step("pause", 5, 2, 5L, 3)), s(50), 1);
        assertEquals(List.of(s(5), s(10), s(15)), plan.stream().map(Schedule.Occurrence::start).toList());
    }

    @Test
    void aStepStartingAfterTheWindowDoesNotOccur() {
        assertEquals(List.of(), Schedule.expand(List.of(step("kill", 50, 5, null, null)), s(50), 1));
    }

    @Test
    void randomChoicesFollowTheSeedAndOnlyTheSeed() {
        Step r = new Step(null, List.of("clean-split", "isolate", "pause", "kill"), s(1), s(1), s(2), 20, null, null, null, null);
        List<String> a = Schedule.expand(List.of(r), s(100), 42).stream().map(Schedule.Occurrence::kind).toList();
        List<String> b = Schedule.expand(List.of(r), s(100), 42).stream().map(Schedule.Occurrence::kind).toList();
        List<String> c = Schedule.expand(List.of(r), s(100), 43).stream().map(Schedule.Occurrence::kind).toList();
        assertEquals(a, b);
        assertTrue(!a.equals(c), "another seed chooses otherwise");
        assertTrue(a.containsAll(List.of("clean-split", "isolate", "pause", "kill")), a.toString());
    }

    @Test
    void stepsAreOrderedByStartAndOverlapsAreFound() {
        List<Schedule.Occurrence> plan = Schedule.expand(List.of(step("pause", 20, 5, null, null), step("kill", 5, 5, null, null)),
                s(50), 1);
        assertEquals(List.of("kill", "pause"), plan.stream().map(Schedule.Occurrence::kind).toList());
        assertNull(Schedule.firstConflict(List.of(step("pause", 20, 5, null, null), step("kill", 5, 5, null, null)), plan, FAMILY::get));
        List<Step> steps = List.of(step("pause", 8, 5, null, null), step("kill", 5, 5, null, null));
        Schedule.Conflict c = Schedule.firstConflict(steps, Schedule.expand(steps, s(50), 1), FAMILY::get);
        assertNotNull(c);
        assertEquals("kill", c.earlier().kind());
        assertEquals("pause", c.later().kind());
        assertEquals(java.util.Set.of("node"), c.families());
    }

    /** The families of the test's kinds, as FaultKind gives them. */
    private static final java.util.Map<String, String> FAMILY = java.util.Map.of("clean-split", "network", "isolate", "network",
            "slow", "network", "kill", "node", "pause", "node", "cascading", "node");

    private static Step random(long at, long hold, String... kinds) {
        return new Step(null, List.of(kinds), s(at), s(hold), null, null, null, null, null, null);
    }

    @Test
    void aNetworkFaultAndANodeFaultMayOverlap() {
        List<Step> steps = List.of(step("clean-split", 10, 20, null, null), step("kill", 15, 8, null, null),
                step("pause", 24, 2, null, null), step("cascading", 27, 2, null, null));
        assertNull(Schedule.firstConflict(steps, Schedule.expand(steps, s(50), 1), FAMILY::get));
    }

    @Test
    void twoFaultsOfOneFamilyMayNotOverlapWhicheverStartsFirst() {
        List<Step> network = List.of(step("clean-split", 10, 20, null, null), step("kill", 12, 2, null, null),
                step("slow", 25, 2, null, null));
        Schedule.Conflict c = Schedule.firstConflict(network, Schedule.expand(network, s(50), 1), FAMILY::get);
        assertEquals(List.of(0, 2), List.of(c.earlier().step(), c.later().step()), "the kill between them does not hide it");
        assertEquals(java.util.Set.of("network"), c.families());
        List<Step> node = List.of(step("clean-split", 10, 20, null, null), step("kill", 12, 10, null, null),
                step("pause", 20, 2, null, null));
        c = Schedule.firstConflict(node, Schedule.expand(node, s(50), 1), FAMILY::get);
        assertEquals(List.of(1, 2), List.of(c.earlier().step(), c.later().step()));
        assertEquals(java.util.Set.of("node"), c.families());
    }

    @Test
    void aRandomStepOverlapsOnlyWhenNoneOfItsKindsSharesAFamilyWithTheOther() {
        List<Step> apart = List.of(random(10, 20, "clean-split", "isolate"), random(15, 5, "kill", "pause"));
        assertNull(Schedule.firstConflict(apart, Schedule.expand(apart, s(50), 1), FAMILY::get));
        List<Step> mixed = List.of(step("clean-split", 10, 20, null, null), random(15, 5, "kill", "isolate"));
        for (long seed = 0; seed < 20; seed++) {
            Schedule.Conflict c = Schedule.firstConflict(mixed, Schedule.expand(mixed, s(50), seed), FAMILY::get);
            assertNotNull(c, "refused whatever the seed picks, seed " + seed);
            assertEquals(java.util.Set.of("network"), c.families());
        }
    }

    @Test
    void scalingADurationScalesEveryScheduleTimeButNotLinkParameters() {
        Step cascading = new Step("cascading", null, s(10), s(90), null, null, null, null, null, s(30));
        Step slow = new Step("slow", null, s(100), s(10), null, null, Duration.ofMillis(50), null, 1000L, null);
        Scenario sc = new Scenario("x", null, null, null, null, null, s(120), null, null, null, null, List.of(cascading, slow), null, null);
        Scenario half = sc.scaledTo(s(60));
        assertEquals(s(60), half.duration());
        assertEquals(new Step("cascading", null, s(5), s(45), null, null, null, null, null, s(15)), half.schedule().get(0));
        assertEquals(Duration.ofMillis(50), half.schedule().get(1).latency());
        assertEquals(s(50), half.schedule().get(1).at());
    }

    @Test
    void theFaultWindowLeavesTheRecoveryTimeAtTheEnd() {
        Scenario d = new Scenario("x", null, null, null, null, null, s(60), null, null, null, null, null, null, null).withDefaults();
        assertEquals(s(10), d.recovery());
        assertEquals(s(50), d.faultWindowEnd());
    }
}
