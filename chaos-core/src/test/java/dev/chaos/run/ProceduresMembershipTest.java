package dev.chaos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Membership;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.io.HistoryRecorder;
import dev.chaos.scenario.Scenario;
import dev.chaos.scenario.ScenarioFiles;
import dev.chaos.workload.Client;
import dev.chaos.workload.Workload;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remove-member and add-member steps: what they call, what the history records, and what the final heal undoes. */
class ProceduresMembershipTest {

    /** A cluster that is only its membership: each add hands out a fresh id. */
    static final class Members implements Cluster, Membership {
        final List<String> calls = new ArrayList<>();
        int next = 0xa0;

        @Override
        public List<String> nodes() {
            return List.of("n1", "n2", "n3");
        }

        @Override
        public Client openClient(String node, Workload workload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object localRead(String node, Workload workload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String removeMember(String node) {
            calls.add("remove " + node);
            return "old-" + node;
        }

        @Override
        public String addMember(String node) {
            calls.add("add " + node);
            return Integer.toHexString(next++);
        }

        @Override
        public String decommission(String node) {
            calls.add("decommission " + node);
            return "old-" + node;
        }

        @Override
        public void close() {
        }
    }

    private final ScenarioFiles files = new ScenarioFiles(dev.chaos.checker.CheckerCatalog.names());
    private final ByteArrayOutputStream history = new ByteArrayOutputStream();

    private Scenario scenario(String steps) {
        return files.resolve(files.parse("""
                name: swap
                workload: set
                nodes: 3
                duration: 30s
                procedure:
                  - at: 5s
                    nodes: [n2]
                    steps:
                """ + steps, "swap.yaml", "swap"), w -> List.of("set"));
    }

    private Procedures procedures(Scenario s, Members cluster, Path dir) throws Exception {
        RunSpec spec = new RunSpec(s, "fake", "local", 1, dir);
        HistoryRecorder recorder = HistoryRecorder.to(history, new HistoryHeader(HistoryHeader.FORMAT_V1, "swap", "fake",
                spec.nodes(), 1L, null, "test"));
        return new Procedures(spec, cluster, recorder, null, line -> { });
    }

    @Test
    void removeThenAddRecordsTheOldAndTheNewMemberId(@TempDir Path dir) throws Exception {
        Members m = new Members();
        Scenario s = scenario("""
                      - action: remove-member
                      - action: add-member
                """);
        assertTrue(procedures(s, m, dir).run(s.procedures().get(0), 0));
        assertEquals(List.of("remove n2", "add n2"), m.calls);
        String h = history.toString(StandardCharsets.UTF_8);
        assertTrue(h.contains("\"f\":\"end-step\",\"value\":{\"node\":\"n2\",\"action\":\"remove-member\",\"member-id\":\"old-n2\",\"exit\":0"), h);
        assertTrue(h.contains("\"f\":\"end-step\",\"value\":{\"node\":\"n2\",\"action\":\"add-member\",\"member-id\":\"a0\",\"exit\":0"), h);
    }

    @Test
    void aMemberAProcedureLeftRemovedIsAddedBackByTheFinalHeal(@TempDir Path dir) throws Exception {
        Members m = new Members();
        Scenario s = scenario("""
                      - action: remove-member
                      - run: exit 3
                """);
        Procedures p = procedures(s, m, dir);
        assertFalse(p.run(s.procedures().get(0), 0), "the shell step failed");
        assertEquals(List.of("remove n2"), m.calls);
        p.startLeftDown();
        assertEquals(List.of("remove n2", "add n2"), m.calls, "added back, not merely started");
        p.startLeftDown();
        assertEquals(2, m.calls.size(), "once");
    }

    @Test
    void aSpareServesNoClientUntilItsAddMember(@TempDir Path dir) throws Exception {
        Members m = new Members();
        Scenario s = files.resolve(files.parse("""
                name: grow
                nodes: 3
                duration: 30s
                procedure:
                  - at: 5s
                    nodes: [n3]
                    steps:
                      - action: add-member
                """, "grow.yaml", "grow"), w -> List.of("set"));
        Procedures p = procedures(s, m, dir);
        assertFalse(p.inService("n3"), "a spare before its add");
        assertEquals("n1", p.route("n3"), "its clients use the next node in service, wrapping round");
        assertEquals("n2", p.route("n2"));
        assertTrue(p.run(s.procedures().get(0), 0));
        assertEquals(List.of("add n3"), m.calls);
        assertTrue(p.inService("n3"));
        assertEquals("n3", p.route("n3"), "its clients move to it once it has joined");
    }

    @Test
    void aDecommissionedNodeLosesItsClientsAndIsNotAddedBack(@TempDir Path dir) throws Exception {
        Members m = new Members();
        Scenario s = scenario("""
                      - action: decommission
                """);
        Procedures p = procedures(s, m, dir);
        assertTrue(p.inService("n2"));
        assertTrue(p.run(s.procedures().get(0), 0));
        assertEquals(List.of("decommission n2"), m.calls);
        assertFalse(p.inService("n2"));
        assertEquals("n3", p.route("n2"));
        p.startLeftDown();
        assertEquals(List.of("decommission n2"), m.calls, "the final heal leaves it out");
        String h = history.toString(StandardCharsets.UTF_8);
        assertTrue(h.contains("\"action\":\"decommission\",\"member-id\":\"old-n2\",\"exit\":0"), h);
    }
}
