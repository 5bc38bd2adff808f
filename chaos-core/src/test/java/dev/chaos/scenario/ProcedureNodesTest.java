package dev.chaos.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Given nodes n1..n5, a leader (or none) and a list as written, expect exactly these nodes, in this order. */
class ProcedureNodesTest {

    private static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");

    private static List<String> resolve(String written, String leader) {
        return ProcedureNodes.resolve(Arrays.asList(written.split(" ")), FIVE, () -> leader);
    }

    @ParameterizedTest(name = "[{0}], leader {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "followers leader           | n3 | n1 n2 n4 n5 n3",
        "leader followers           | n3 | n3 n1 n2 n4 n5",
        "followers leader           | n1 | n2 n3 n4 n5 n1",
        "followers leader           | n5 | n1 n2 n3 n4 n5",
        "followers                  | n3 | n1 n2 n4 n5",
        "n4 followers leader        | n3 | n4 n1 n2 n5 n3",
        "followers n2 leader n5     | n3 | n1 n4 n2 n3 n5",
        "follower leader followers  | n3 | n1 n3 n2 n4 n5",
        "followers follower         | n3 | n2 n4 n5 n1",
        "n2 follower followers      | n1 | n2 n3 n4 n5",
        "n1 n2 n4 n5 followers      | n3 | n1 n2 n4 n5",
        "leader follower follower   | n2 | n2 n1 n3",
        "n2 follower                | '' | n2 n1",
    })
    void rolesResolveToTheseNodes(String written, String leader, String expected) {
        assertEquals(List.of(expected.split(" ")), resolve(written, leader.isEmpty() ? null : leader));
    }

    @Test
    void withoutALeaderLeaderAndFollowersFailWithTheRoleTheyNamed() {
        assertEquals("the procedure names the leader, but the cluster has none now",
                assertThrows(IllegalStateException.class, () -> resolve("leader followers", null)).getMessage());
        assertEquals("the procedure names the followers, but the cluster has no leader now",
                assertThrows(IllegalStateException.class, () -> resolve("followers leader", null)).getMessage());
        assertEquals("the procedure names the followers, but the cluster has no leader now",
                assertThrows(IllegalStateException.class, () -> resolve("n1 followers", null)).getMessage());
    }

    @Test
    void aFollowerWithNoNodeLeftFails() {
        assertEquals("no follower left to name",
                assertThrows(IllegalStateException.class, () -> resolve("n1 n2 n4 n5 follower", "n3")).getMessage());
    }

    @Test
    void followersTwiceIsRefused() {
        assertEquals("'followers' is named more than once",
                assertThrows(IllegalArgumentException.class, () -> resolve("followers leader followers", "n3")).getMessage());
    }

    @Test
    void explicitNodesAloneAndNoNodeAreReturnedAsGivenWithoutAskingForTheLeader() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<String> leader = () -> {
            asked.incrementAndGet();
            return "n3";
        };
        List<String> explicit = List.of("n2", "n1");
        assertSame(explicit, ProcedureNodes.resolve(explicit, FIVE, leader));
        List<String> none = Collections.singletonList(null);
        assertSame(none, ProcedureNodes.resolve(none, FIVE, leader));
        assertEquals(0, asked.get());
        ProcedureNodes.resolve(List.of("follower", "followers", "leader"), FIVE, leader);
        assertEquals(1, asked.get(), "the leader is asked once per resolution");
    }
}
