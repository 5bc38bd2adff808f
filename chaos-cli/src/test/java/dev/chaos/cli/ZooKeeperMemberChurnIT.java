package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import dev.chaos.history.io.HistoryFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ZooKeeper's dynamic reconfiguration on real containers, every peer link through the proxy: each
 * churned server leaves by {@code reconfig -remove} and comes back empty under a new server id by
 * {@code reconfig -add}, as a voting follower (or leader), not an observer. Needs a Docker engine
 * and the project's images; skipped without them unless {@code CHAOS_REQUIRE_DOCKER=1}.
 */
class ZooKeeperMemberChurnIT {

    @BeforeAll
    static void docker() {
        DockerAssumptions.requireDocker();
    }

    @Test
    void memberChurnReconfiguresTheEnsembleAndLosesNothing(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve(CliRun.unique("zk-churn"));
        StringWriter out = new StringWriter();
        int exit = Main.execute(new String[] {"run", "member-churn", "--backend", "docker", "--target", "zookeeper", "--nodes", "3",
                "--duration", "40s", "--rate", "60", "--seed", "42", "--out", dir.toString()}, new PrintWriter(out, true),
                new PrintWriter(out, true));
        System.out.println(out);
        assertEquals(0, exit);
        JsonNode checkers = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("checkers");
        assertEquals(0, checkers.at("/set/lost-count").asInt());
        assertTrue(checkers.at("/convergence/converged").asBoolean());

        History h = HistoryFiles.read(dir.resolve("history.jsonl")).history();
        List<Op> stops = h.nemesisOps().stream().filter(o -> o.f().equals("stop-member-churn")).toList();
        assertEquals(2, stops.size());
        Map<String, String> ids = new java.util.HashMap<>(Map.of("n1", "1", "n2", "2", "n3", "3"));
        int next = 4; // servers 1..3 at the start; each add takes the next id
        for (Op stop : stops) {
            Map<?, ?> v = (Map<?, ?>) stop.value();
            String node = (String) ((List<?>) v.get("nodes")).get(0);
            assertEquals(ids.get(node), ((Map<?, ?>) v.get("old-ids")).get(node), "removed under the id it had");
            assertEquals(String.valueOf(next), ((Map<?, ?>) v.get("new-ids")).get(node), "back under a new server id");
            ids.put(node, String.valueOf(next));
            String log = Files.readString(dir.resolve("nodes/" + node + ".log"));
            assertTrue(log.contains("[QuorumPeer[myid=" + next + "]") && (log.contains("FOLLOWING") || log.contains("LEADING")),
                    "server " + next + " (" + node + ") votes: it follows or leads, it does not observe");
            next++;
        }
        DockerRunIT.assertNoLeftovers(dir);
    }
}
