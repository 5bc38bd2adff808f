package dev.chaos.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chaos.cluster.Capability;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Membership changes, as a fault and as procedure steps, are refused up front on a target that cannot make them. */
class MembershipRequirementsTest {

    private final ScenarioFiles files = new ScenarioFiles(dev.chaos.checker.CheckerCatalog.names());
    private final EnumSet<Capability> allButMembership = EnumSet.complementOf(EnumSet.of(Capability.MEMBERSHIP, Capability.CLOCK, Capability.METRICS));

    @Test
    void theMemberChurnFaultNeedsMembership() {
        Scenario churn = files.resolve(files.builtin("member-churn"), w -> List.of("set"));
        assertEquals("scenario 'member-churn' uses fault 'member-churn', which needs membership, but target zookeeper can only "
                        + "leader, kill, pause, stop-start, wipe, health",
                Requirements.unmet(churn, allButMembership, "zookeeper"));
        assertNull(Requirements.unmet(churn, EnumSet.of(Capability.MEMBERSHIP), "etcd"));
        assertEquals(Capability.MEMBERSHIP, FaultKind.of("member-churn").need());
        assertEquals(FaultKind.Family.NODE, FaultKind.of("member-churn").family());
    }

    @Test
    void theRemoveAndAddMemberStepsNeedMembership() {
        String yaml = """
                name: swap
                workload: set
                duration: 30s
                procedure:
                  - at: 5s
                    nodes: [n2]
                    steps:
                      - action: remove-member
                      - action: add-member
                      - action: wait-caught-up
                """;
        Scenario s = files.resolve(files.parse(yaml, "swap.yaml", "swap"), w -> List.of("set"));
        assertEquals("scenario 'swap' has a procedure step 'remove-member', which needs membership, but target redis can only "
                        + "leader, kill, pause, stop-start, wipe, health",
                Requirements.unmet(s, allButMembership, "redis"));
        assertNull(Requirements.unmet(s, EnumSet.allOf(Capability.class), "etcd"));
    }

    @Test
    void addMemberAlsoNeedsNamedNodes() {
        String yaml = """
                name: swap
                workload: set
                duration: 30s
                procedure:
                  - at: 5s
                    steps:
                      - action: add-member
                """;
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, () -> files.parse(yaml, "swap.yaml", "swap"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("swap.yaml:"), e.getMessage());
    }
}
