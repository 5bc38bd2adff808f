package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.cluster.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in clock-skew scenario end to end on real local ZooKeeper under load: every node's
 * clock off within ±60 s, then one node's 120 s behind. ZooKeeper times sessions and quorum with
 * the monotonic clock, so nothing may be lost, and the history must carry the offsets set and reset.
 */
class ClockSkewRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aShortClockSkewRunIsValidAndRecordsEveryOffsetItSetAndReset(@TempDir Path tmp) throws Exception {
        if (FakeClock.localLibrary() == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("libfaketime is not installed, and this is CI: .ci/run runs .ci/install-faketime.sh");
            }
            Assumptions.abort("libfaketime is not installed: " + FakeClock.INSTALL_HINT);
        }
        Path dir = tmp.resolve("run");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new String[] {"run", "clock-skew", "--nodes", "3", "--duration", "30s", "--rate", "50",
            "--seed", "11", "--out", dir.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        JsonNode results = JSON.readTree(dir.resolve("results.json").toFile());
        assertEquals(0, exit, out + "\n" + err + "\n" + results);
        assertEquals(0, results.get("checkers").get("set").get("lost-count").asInt());
        assertTrue(results.get("checkers").get("set").get("acknowledged").asInt() > 100, results.toString());

        Map<String, List<JsonNode>> nemesis = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("history.jsonl")).subList(1, Files.readAllLines(dir.resolve("history.jsonl")).size())) {
            JsonNode op = JSON.readTree(line);
            if ("nemesis".equals(op.get("process").asText())) {
                nemesis.computeIfAbsent(op.get("f").asText(), k -> new ArrayList<>()).add(op.get("value"));
            }
        }
        // the schedule scaled to 30 s: the skew at 5 s for 10 s, the bump at 17.5 s for 5 s
        JsonNode skew = nemesis.get("start-clock-skew").get(0).get("offsets");
        assertEquals(List.of("n1", "n2", "n3"), names(skew));
        skew.forEach(ms -> assertTrue(ms.asLong() != 0 && Math.abs(ms.asLong()) <= 60_000 && ms.asLong() % 1000 == 0, skew.toString()));
        nemesis.get("stop-clock-skew").get(0).get("offsets").forEach(ms -> assertEquals(0, ms.asLong()));
        JsonNode bump = nemesis.get("start-clock-bump").get(0).get("offsets");
        assertEquals(1, bump.size(), bump.toString());
        assertEquals(-120_000, bump.elements().next().asLong());
        assertEquals(names(bump), names(nemesis.get("stop-clock-bump").get(0).get("offsets")));
        JsonNode effect = nemesis.get("effect-clock-skew").get(0);
        assertEquals(skew, effect.get("set"), "the offsets held until the stop");
        assertEquals(names(skew), names(effect.get("seen")), "each node's clock was looked at: " + effect);
        assertTrue(results.get("checkers").get("fault-effect").get("valid").asBoolean(), results.get("checkers").get("fault-effect").toString());
        for (String n : List.of("n1", "n2", "n3")) {
            assertEquals("+0", Files.readString(dir.resolve("clock").resolve(n).resolve("offset")).trim(), n + " was set back");
        }
    }

    private static List<String> names(JsonNode offsets) {
        List<String> out = new ArrayList<>();
        offsets.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
