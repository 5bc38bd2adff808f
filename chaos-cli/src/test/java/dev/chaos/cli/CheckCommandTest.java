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
}
