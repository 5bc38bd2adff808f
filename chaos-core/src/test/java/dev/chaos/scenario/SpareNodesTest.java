package dev.chaos.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given procedures as written, expect the nodes that start outside the cluster (spares for add-member). */
class SpareNodesTest {

    private static final List<String> FOUR = List.of("n1", "n2", "n3", "n4");

    private static Procedure at(int seconds, List<String> nodes, String... actions) {
        return new Procedure(null, Duration.ofSeconds(seconds), null, nodes,
                java.util.Arrays.stream(actions).map(a -> new ProcedureStep(a, null, null, null)).toList());
    }

    @Test
    void aNodeFirstAddedIsASpare() {
        assertEquals(List.of("n4"), SpareNodes.of(List.of(at(8, List.of("n4"), "add-member", "wait-caught-up")), FOUR));
    }

    @Test
    void aNodeRemovedBeforeItIsAddedWasAMember() {
        assertEquals(List.of(), SpareNodes.of(List.of(at(8, List.of("n2"), "remove-member", "add-member")), FOUR));
        // the removal runs first even when written second: procedures run in the order of their times
        assertEquals(List.of(), SpareNodes.of(List.of(at(20, List.of("n3"), "add-member"), at(5, List.of("n3"), "decommission")), FOUR));
        assertEquals(List.of("n3"), SpareNodes.of(List.of(at(5, List.of("n3"), "add-member"), at(20, List.of("n3"), "decommission")), FOUR));
    }

    @Test
    void rolesAndProceduresWithoutMembershipStepsMakeNoSpare() {
        assertEquals(List.of(), SpareNodes.of(List.of(at(8, List.of("follower"), "add-member")), FOUR));
        assertEquals(List.of(), SpareNodes.of(List.of(at(8, List.of("n4"), "stop", "start")), FOUR));
        assertEquals(List.of(), SpareNodes.of(List.of(), FOUR));
    }

    @Test
    void shellStepsAreNoMembershipStep() {
        Procedure p = new Procedure(null, Duration.ofSeconds(5), true, null, List.of(
                new ProcedureStep(null, "./upgrade.sh", null, null), new ProcedureStep("start", null, null, null)));
        assertEquals(List.of(), SpareNodes.of(List.of(p), FOUR));
        Procedure grow = new Procedure(null, Duration.ofSeconds(5), null, List.of("n4"), List.of(
                new ProcedureStep(null, "./prepare-host.sh", null, null), new ProcedureStep("add-member", null, null, null)));
        assertEquals(List.of("n4"), SpareNodes.of(List.of(grow), FOUR));
    }

    @Test
    void aClusterWithNoNodeToStartWithIsRefused() {
        Procedure all = new Procedure(null, Duration.ofSeconds(8), true, null, List.of(new ProcedureStep("add-member", null, null, null)));
        ScenarioException e = assertThrows(ScenarioException.class, () -> SpareNodes.of(List.of(all), FOUR));
        assertTrue(e.getMessage().contains("none would start the cluster"), e.getMessage());
    }
}
