package dev.chaos.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.cluster.Membership;
import dev.chaos.fault.FaultWindows;
import dev.chaos.run.Nemesis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What member-churn removes, what it records, and that a heal always adds back what it removed. */
class MemberChurnTest {

    /** A membership as data: each node's current id, a fresh one per add; can be told to fail an add. */
    static class Members implements Membership {
        final Map<String, String> ids = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        int next = 0x100;
        boolean failAdds;

        Members(List<String> nodes) {
            nodes.forEach(n -> ids.put(n, Integer.toHexString(next++)));
        }

        @Override
        public String removeMember(String node) {
            calls.add("remove " + node);
            String id = ids.remove(node);
            if (id == null) {
                throw new IllegalStateException(node + " is no member");
            }
            return id;
        }

        @Override
        public String addMember(String node) {
            calls.add("add " + node);
            if (failAdds) {
                throw new IllegalStateException("no quorum to add " + node);
            }
            String id = Integer.toHexString(next++);
            ids.put(node, id);
            return id;
        }
    }

    private static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");

    @Test
    void removesOneNodeKeepingAMajorityAndAddsItBackUnderANewId() throws Exception {
        Members m = new Members(FIVE);
        MemberChurn churn = new MemberChurn(FIVE, m);
        Nemesis.Event start = churn.start(new Random(7));
        @SuppressWarnings("unchecked")
        Map<String, Object> sv = (Map<String, Object>) start.value();
        @SuppressWarnings("unchecked")
        List<String> gone = (List<String>) sv.get("nodes");
        assertEquals(1, gone.size());
        String victim = gone.get(0);
        assertEquals(4, m.ids.size(), "one member left the membership");
        assertEquals(Map.of(victim, Integer.toHexString(0x100 + FIVE.indexOf(victim))), sv.get("old-ids"));
        assertEquals(4, FaultWindows.majority(gone, FIVE).size(), "the members left are the majority side");

        Nemesis.Event stop = churn.stop();
        @SuppressWarnings("unchecked")
        Map<String, Object> tv = (Map<String, Object>) stop.value();
        assertEquals("member-churn", stop.fault());
        assertEquals(List.of(victim), tv.get("nodes"));
        assertEquals(sv.get("old-ids"), tv.get("old-ids"));
        assertEquals(Map.of(victim, "105"), tv.get("new-ids"), "a new identity, not the old one");
        assertEquals(5, m.ids.size());
        assertEquals(List.of("remove " + victim, "add " + victim), m.calls);
    }

    @Test
    void theSameSeedRemovesTheSameNodeAndEveryNodeCanBeChosen() {
        Set<String> chosen = new java.util.TreeSet<>();
        for (int seed = 0; seed < 200; seed++) {
            assertEquals(MemberChurn.pick(FIVE, new Random(seed)), MemberChurn.pick(FIVE, new Random(seed)));
            chosen.add(MemberChurn.pick(FIVE, new Random(seed)));
        }
        assertEquals(Set.copyOf(FIVE), chosen);
    }

    @Test
    void fewerThanThreeNodesAreRefusedBecauseOneLeavingWouldLeaveNoMajority() {
        List<String> two = List.of("n1", "n2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MemberChurn(two, new Members(two)));
        assertTrue(e.getMessage().contains("at least 3 nodes"), e.getMessage());
    }

    @Test
    void aFailedAddIsRetriedByTheHealAndAStopWithNothingRemovedDoesNothing() throws Exception {
        List<String> three = List.of("n1", "n2", "n3");
        Members m = new Members(three);
        MemberChurn churn = new MemberChurn(three, m);
        churn.start(new Random(1));
        m.failAdds = true;
        assertThrows(IllegalStateException.class, churn::stop);
        assertEquals(2, m.ids.size());
        m.failAdds = false;
        churn.healAll();
        assertEquals(3, m.ids.size(), "the heal added the member back");
        int calls = m.calls.size();
        Nemesis.Event again = churn.stop();
        assertEquals(calls, m.calls.size(), "nothing left to add");
        assertEquals(List.of(), ((Map<?, ?>) again.value()).get("nodes"));
    }

    @Test
    void aRemovalThatFailsHalfWayIsStillAddedBackAtTheHeal() {
        List<String> three = List.of("n1", "n2", "n3");
        Members m = new Members(three) {
            @Override
            public String removeMember(String node) {
                calls.add("remove " + node);
                ids.remove(node); // the membership changed, then the container would not stop
                throw new IllegalStateException("timed out stopping " + node);
            }
        };
        MemberChurn churn = new MemberChurn(three, m);
        assertThrows(IllegalStateException.class, () -> churn.start(new Random(3)));
        churn.healAll();
        assertEquals(3, m.ids.size(), "added back although the removal did not finish");
    }
}
