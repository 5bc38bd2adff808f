package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A system that is not built in, from Debian's packages and a target file only: PostgreSQL with
 * Patroni (docs/targets/patroni.yaml), its set client psql on this machine. Replication is
 * asynchronous, so a primary cut off from the others acknowledges writes until it demotes itself,
 * and those are lost when it rejoins the new primary's timeline: the test does not ask for zero
 * lost writes, only that each lost one was acknowledged by the primary that was cut off, and that
 * a node of the majority took over. isolate-leader rather than clean-split: which node bootstraps
 * as the primary is a race, and a split that cuts a replica off shows no failover.
 */
class PatroniTargetIT {

    private static final Path PATRONI = Path.of("../docs/targets/patroni.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void dockerAndPsql() {
        DockerAssumptions.requireDocker();
        boolean psql = List.of(System.getenv("PATH").split(":")).stream().anyMatch(d -> Files.isExecutable(Path.of(d, "psql")));
        if (!psql) {
            if ("1".equals(System.getenv("CHAOS_REQUIRE_DOCKER"))) {
                fail("no psql on PATH, and CHAOS_REQUIRE_DOCKER=1: run .ci/install-psql.sh first");
            }
            Assumptions.abort("no psql on PATH; .ci/install-psql.sh installs Debian's postgresql-client");
        }
    }

    @Test
    void isolatingThePrimaryFailsOverAndLosesOnlyWritesItAcknowledged(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("it-patroni-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xfffffL));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new String[] {"run", "isolate-leader", "--target", PATRONI.toString(), "--nodes", "3", "--duration", "20s",
                "--nemesis-interval", "12s", "--rate", "10", "--seed", "7", "--out", dir.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        System.out.println(out);
        System.err.println(err);
        assertTrue(exit == 0 || exit == 1, "a verdict (valid or invalid), not an error: exit " + exit + "\n" + err);

        JsonNode results = JSON.readTree(dir.resolve("results.json").toFile());
        JsonNode set = results.at("/checkers/set");
        assertTrue(set.at("/acknowledged").asInt() > 20, "the primary's clients wrote: " + set);
        assertTrue(set.at("/attempted").asInt() > set.at("/acknowledged").asInt(), "writes on replicas fail: " + set);
        assertTrue(results.at("/checkers/convergence/converged").asBoolean(), "the old primary rejoined: " + results.at("/checkers/convergence"));
        JsonNode partition = results.at("/checkers/fault-effect/faults/0");
        assertTrue(partition.at("/dropped").asLong() > 0 && partition.at("/forwarded").asLong() == 0,
                "the split cut live links and none leaked: " + partition);

        // who was cut off, and which node acknowledged each add
        Set<String> minority = new HashSet<>();
        Map<Long, String> ackedBy = new HashMap<>();
        List<String> history = Files.readAllLines(dir.resolve("history.jsonl"));
        for (String line : history.subList(1, history.size())) {
            JsonNode op = JSON.readTree(line);
            if (op.at("/f").asText().equals("start-partition")) {
                int n = op.at("/value").size();
                op.at("/value").fields().forEachRemaining(e -> {
                    if (e.getValue().size() * 2 > n) {
                        minority.add(e.getKey());
                    }
                });
            } else if (op.at("/type").asText().equals("ok") && op.at("/f").asText().equals("add")) {
                ackedBy.put(op.at("/value").asLong(), op.at("/node").asText());
            }
        }
        assertEquals(1, minority.size(), "one node cut off from two");
        for (JsonNode lost : set.at("/lost")) {
            assertTrue(minority.contains(ackedBy.get(lost.asLong())), "lost add " + lost + " was acknowledged by " + ackedBy.get(lost.asLong())
                    + ", on the majority side of the split " + minority);
        }

        // the leader probe found the primary, the split cut it off, and a node of the majority took over
        Matcher leader = Pattern.compile("cluster up in \\d+ ms: leader (n\\d)").matcher(out.toString());
        assertTrue(leader.find(), "the leader probe named the primary at start: " + out);
        assertEquals(Set.of(leader.group(1)), minority, "isolate-leader cut off the primary");
        boolean promoted = false;
        for (String n : List.of("n1", "n2", "n3")) {
            promoted |= !minority.contains(n) && Files.readString(dir.resolve("nodes/" + n + ".log")).contains("promoted self to leader");
        }
        assertTrue(promoted, "a majority node promoted itself after " + leader.group(1) + " was cut off");
    }
}
