package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `chaos check` as a user runs it: exit codes, messages, JSON. */
class CheckCommandTest {

    static final String ETCD = "../testdata/corpus/porcupine/jepsen-etcd/etcd_002.log";

    record Run(int exit, String out, String err) {
    }

    static Run chaos(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void statsOnAJepsenLog() {
        Run r = chaos("check", ETCD, "--checker", "stats");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Jepsen log lines"), r.out());
        assertTrue(r.out().contains("calls"), r.out());
    }

    @Test
    void jsonOutputIsJsonWithTheVerdict() throws Exception {
        Run r = chaos("check", ETCD, "--checker", "stats", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertTrue(root.get("valid").asBoolean());
        assertTrue(root.get("checkers").get("stats").get("calls").get("count").asLong() > 0);
    }

    @Test
    void unreadableHistoryExits254WithTheLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("history.jsonl");
        Files.writeString(bad, "{\"format\":\"chaos-history/1\"}\n{\"index\":0,\"process\":0,\"type\":\"ok\",\"f\":\"read\"}\n");
        Run r = chaos("check", bad.toString());
        assertEquals(254, r.exit());
        assertTrue(r.err().contains(bad + ":2: completion (ok read) of process 0 without an open invoke"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void missingFileExits254() {
        Run r = chaos("check", "no/such/history.jsonl");
        assertEquals(254, r.exit());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    void unknownCheckerExits254NamingTheKnownOnes() {
        Run r = chaos("check", ETCD, "--checker", "linearisable-typo");
        assertEquals(254, r.exit());
        assertTrue(r.err().contains("unknown checker 'linearisable-typo'; known: stats"), r.err());
    }

    @Test
    void badOptionValueExits254() {
        Run r = chaos("check", ETCD, "--time-limit", "soon");
        assertEquals(254, r.exit());
        assertTrue(r.err().contains("--time-limit: 'soon' is not a duration"), r.err());
    }

    @Test
    void convertToEdnAndBackKeepsTheOps(@TempDir Path dir) {
        Path edn = dir.resolve("h.edn");
        Path jsonl = dir.resolve("h.jsonl");
        assertEquals(0, chaos("convert", ETCD, "--to", "edn", "-o", edn.toString()).exit());
        assertEquals(0, chaos("convert", edn.toString(), "--to", "jsonl", "-o", jsonl.toString()).exit());
        Run a = chaos("check", ETCD, "--checker", "stats", "--json");
        Run b = chaos("check", jsonl.toString(), "--checker", "stats", "--json");
        assertEquals(a.out().replaceAll("\"history\" : \"[^\"]*\"", "").replaceAll("\"format\" : \"[^\"]*\"", ""),
                b.out().replaceAll("\"history\" : \"[^\"]*\"", "").replaceAll("\"format\" : \"[^\"]*\"", ""));
    }

    @Test
    void versionNamesTheFormat() {
        Run r = chaos("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("chaos-history/1"), r.out());
    }

    /** A 3-node history: a partition at 100 ms whose first majority-side acknowledged write completes at 900 ms. */
    private static final String SPLIT = String.join("\n",
            "{\"format\":\"chaos-history/1\",\"scenario\":\"t\",\"target\":\"zookeeper\",\"nodes\":[\"n1\",\"n2\",\"n3\"],\"seed\":1,\"started\":\"x\",\"tool\":\"t\"}",
            "{\"index\":0,\"time\":100000000,\"process\":\"nemesis\",\"type\":\"info\",\"f\":\"start-partition\",\"value\":{\"n1\":[\"n2\",\"n3\"],\"n2\":[\"n1\"],\"n3\":[\"n1\"]}}",
            "{\"index\":1,\"time\":120000000,\"process\":1,\"type\":\"invoke\",\"f\":\"add\",\"value\":1,\"node\":\"n3\"}",
            "{\"index\":2,\"time\":900000000,\"process\":1,\"type\":\"ok\",\"f\":\"add\",\"value\":1,\"node\":\"n3\"}",
            "{\"index\":3,\"time\":1000000000,\"process\":\"nemesis\",\"type\":\"info\",\"f\":\"heal\"}", "");

    @Test
    void sloThresholdsComeFromTheOptionOrFromTheScenarioJsonBesideTheHistory(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("history.jsonl");
        Files.writeString(h, SPLIT);
        Run strict = chaos("check", h.toString(), "--checker", "slo", "--slo", "failover=500ms", "--json");
        assertEquals(1, strict.exit(), strict.err());
        JsonNode t = new ObjectMapper().readTree(strict.out()).get("checkers").get("slo").get("thresholds").get(0);
        assertEquals("failover-max", t.get("name").asText());
        assertEquals(800, t.get("measured").asInt());
        assertEquals(500, t.get("threshold").asInt());
        assertFalse(t.get("valid").asBoolean());
        Files.writeString(dir.resolve("scenario.json"), "{\"scenario\": {\"name\": \"mine\", \"slo\": {\"failover-max\": \"1s\"}}}");
        Run beside = chaos("check", dir.toString(), "--checker", "slo");
        assertEquals(0, beside.exit(), beside.out() + beside.err());
        assertTrue(beside.out().contains("failover-max: measured 800 ms, must be <= 1000 ms"), beside.out());
        Run bad = chaos("check", h.toString(), "--slo", "failover");
        assertEquals(254, bad.exit());
        assertTrue(bad.err().contains("--slo: 'failover': write NAME=VALUE"), bad.err());
    }
}
