package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import dev.chaos.history.io.HistoryFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Membership changes on real etcd containers, every peer link through the proxy: the fault
 * {@code member-churn} under load, and the procedure steps {@code remove-member} / {@code add-member}
 * of the replace-member runbook. Needs a Docker engine and the project's images; skipped without
 * them unless {@code CHAOS_REQUIRE_DOCKER=1}.
 */
class EtcdMemberChurnIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void docker() {
        DockerAssumptions.requireDocker();
    }


    @Test
    void memberChurnUnderLoadLosesNothingAndEachMemberComesBackUnderANewIdAndServes(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve(CliRun.unique("etcd-churn"));
        int exit = CliRun.chaos("run", "member-churn", "--backend", "docker", "--target", "etcd", "--nodes", "3", "--duration", "40s",
                "--rate", "60", "--seed", "42", "--out", dir.toString()).exit();
        assertEquals(0, exit);
        JsonNode checkers = JSON.readTree(dir.resolve("results.json").toFile()).get("checkers");
        assertEquals(0, checkers.at("/set/lost-count").asInt(), checkers.get("set").toString());
        assertTrue(checkers.at("/set/acknowledged").asInt() > 100, checkers.get("set").toString());
        assertTrue(checkers.at("/convergence/converged").asBoolean());
        assertTrue(checkers.at("/fault-effect/valid").asBoolean(), "no bogus unknown from the proxy's counters: "
                + checkers.get("fault-effect"));

        History h = HistoryFiles.read(dir.resolve("history.jsonl")).history();
        List<Op> starts = h.nemesisOps().stream().filter(o -> o.f().equals("start-member-churn")).toList();
        List<Op> stops = h.nemesisOps().stream().filter(o -> o.f().equals("stop-member-churn")).toList();
        assertEquals(2, starts.size(), "40 s hold two churns");
        assertEquals(2, stops.size());
        for (int i = 0; i < stops.size(); i++) {
            Map<?, ?> started = (Map<?, ?>) starts.get(i).value();
            Map<?, ?> stopped = (Map<?, ?>) stops.get(i).value();
            List<?> nodes = (List<?>) started.get("nodes");
            assertEquals(1, nodes.size());
            String node = (String) nodes.get(0);
            assertEquals(nodes, stopped.get("nodes"));
            Object oldId = ((Map<?, ?>) stopped.get("old-ids")).get(node);
            Object newId = ((Map<?, ?>) stopped.get("new-ids")).get(node);
            assertTrue(oldId instanceof String s && s.matches("[0-9a-f]+"), "old id " + oldId);
            assertTrue(newId instanceof String s && s.matches("[0-9a-f]+"), "new id " + newId);
            assertNotEquals(oldId, newId, node + " came back as a new member");
            long added = stops.get(i).time();
            long back = h.ops().stream().filter(o -> o.isOk() && node.equals(o.node()) && o.time() > added)
                    .mapToLong(Op::time).min().orElseThrow(() -> new AssertionError(node + " never served again"));
            System.out.printf("member-churn %d: %s %s -> %s, removed %d ms, first ok op on it %d ms after the add%n", i, node, oldId,
                    newId, (stops.get(i).time() - starts.get(i).time()) / 1_000_000, (back - stops.get(i).time()) / 1_000_000);
        }
        System.out.println("availability: " + checkers.at("/availability/summary"));
        DockerRunIT.assertNoLeftovers(dir);
    }

    /** The runbook's scenario: a follower removed, added back empty, and caught up; the catch-up time is measured. */
    @Test
    void aFollowerRemovedAndAddedBackEmptyCatchesUp(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve(CliRun.unique("etcd-replace"));
        Path scenario = RunbookIT.repo().resolve("docs/operations/examples/replace-member.yaml");
        int exit = CliRun.chaos("run", scenario.toString(), "--backend", "docker", "--target", "etcd", "--nodes", "3", "--rate", "60",
                "--seed", "42", "--out", dir.toString()).exit();
        assertEquals(0, exit);
        JsonNode checkers = JSON.readTree(dir.resolve("results.json").toFile()).get("checkers");
        assertEquals(0, checkers.at("/set/lost-count").asInt());
        JsonNode p = checkers.at("/procedure/procedures/0");
        assertTrue(p.get("ok").asBoolean(), p.toString());
        History h = HistoryFiles.read(dir.resolve("history.jsonl")).history();
        List<Map<?, ?>> ends = h.nemesisOps().stream().filter(o -> o.f().equals("end-step")).<Map<?, ?>>map(o -> (Map<?, ?>) o.value()).toList();
        Map<?, ?> removed = ends.stream().filter(e -> "remove-member".equals(e.get("action"))).findFirst().orElseThrow();
        Map<?, ?> added = ends.stream().filter(e -> "add-member".equals(e.get("action"))).findFirst().orElseThrow();
        Map<?, ?> caughtUp = ends.stream().filter(e -> "wait-caught-up".equals(e.get("action"))).findFirst().orElseThrow();
        assertEquals(removed.get("node"), added.get("node"));
        assertNotEquals(removed.get("member-id"), added.get("member-id"), "a new member, not the old one");
        System.out.printf("replace-member %s: %s -> %s; remove %s ms, add %s ms, caught up %s ms after the add%n", added.get("node"),
                removed.get("member-id"), added.get("member-id"), removed.get("ms"), added.get("ms"), caughtUp.get("ms"));
        DockerRunIT.assertNoLeftovers(dir);
    }
}
