package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kv workload end to end on real local ZooKeeper: zipfian keys, checked per key, through a clean split. */
class KvRunIT {

    @Test
    void zipfianKvUnderACleanSplitIsLinearizablePerKeyAndSkewed(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("kv-split.yaml");
        Files.writeString(file, """
                name: kv-split
                workload: kv
                kv:
                  keys: 200
                  distribution: zipfian
                  mix: {read: 0.5, write: 0.3, update: 0.2}
                duration: 30s
                schedule:
                  - {fault: clean-split, at: 5s, hold: 15s}
                """);
        Path dir = tmp.resolve("run");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new String[] {"run", file.toString(), "--nodes", "3", "--rate", "50", "--seed", "7",
            "--out", dir.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, exit, out + "\n" + err);
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertTrue(results.get("valid").asBoolean(), results.toString());
        JsonNode linear = results.get("checkers").get("linearizable");
        assertTrue(linear.get("valid").asBoolean(), linear.toString());
        assertTrue(results.get("checkers").get("convergence").get("converged").asBoolean(), results.toString());
        JsonNode scenario = new ObjectMapper().readTree(dir.resolve("scenario.json").toFile()).get("scenario");
        assertEquals("zipfian", scenario.get("kv").get("distribution").asText(), scenario.toString());
        assertEquals(0.99, scenario.get("kv").get("zipfian-constant").asDouble());

        Map<String, Integer> perKey = new HashMap<>();
        Map<String, Integer> perF = new HashMap<>();
        Pattern invoke = Pattern.compile("\"type\":\"invoke\",\"f\":\"(read|write|cas)\",\"key\":\"(r[0-9]+)\"");
        int total = 0;
        for (String line : Files.readAllLines(dir.resolve("history.jsonl"))) {
            Matcher m = invoke.matcher(line);
            if (m.find() && !line.contains("\"final\":true")) {
                perKey.merge(m.group(2), 1, Integer::sum);
                perF.merge(m.group(1), 1, Integer::sum);
                total++;
            }
        }
        assertTrue(total > 500, total + " client invocations");
        assertTrue(perF.keySet().containsAll(List.of("read", "write", "cas")), perF.toString());
        // zipfian 0.99 over 200 keys: r0 takes about 1/zeta(200) = 17% of the ops, far above uniform's 0.5%
        double r0 = perKey.getOrDefault("r0", 0) / (double) total;
        assertTrue(r0 > 0.10 && r0 < 0.25, "r0's share " + r0 + " of " + total);
        assertTrue(perKey.getOrDefault("r0", 0) > perKey.getOrDefault("r5", 0), perKey.toString());
        RunIT.assertNothingLeftBehind(dir);
    }
}
