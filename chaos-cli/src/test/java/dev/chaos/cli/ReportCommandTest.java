package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.history.io.HistoryFiles;
import dev.chaos.report.Histories;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `chaos report` as a user runs it: from a history alone, from a run directory, and on bad input. */
class ReportCommandTest {

    static final Path ETCD_INVALID = Path.of("../testdata/corpus/porcupine/jepsen-etcd/etcd_000.log");

    static List<String> names(JsonNode checkers) {
        List<String> out = new ArrayList<>();
        checkers.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static void writeSetHistory(Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            HistoryFiles.writeJsonl(Histories.setWithLostWrites(500, 3, 5), out);
        }
    }

    @Test
    void fromAHistoryAloneItChecksAsChaosCheckDoesAndWritesBesideIt(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("etcd_000.log");
        Files.copy(ETCD_INVALID, history);
        CheckCommandTest.Run r = CheckCommandTest.chaos("report", history.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        for (String f : List.of("report.html", "junit.xml", "results.json")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        JsonNode report = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        JsonNode check = new ObjectMapper().readTree(CheckCommandTest.chaos("check", history.toString(), "--json").out());
        assertEquals(names(check.get("checkers")), names(report.get("checkers")), "the same checkers apply");
        assertEquals(List.of("stats", "linearizable"), names(report.get("checkers")));
        assertFalse(report.get("valid").asBoolean());
        assertEquals(check.get("checkers").get("linearizable").get("counterexample"),
                report.get("checkers").get("linearizable").get("counterexample"), "the same counterexample");
        assertTrue(Files.readString(dir.resolve("report.html")).contains("\"counterexample\":{"), "the counterexample is drawn");
    }

    @Test
    void aRunDirectoryIsCheckedAsItsScenarioSays(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        writeSetHistory(run.resolve("history.jsonl"));
        Files.writeString(run.resolve("scenario.json"), "{\"scenario\":\"clean-split\",\"target\":\"zookeeper\",\"seed\":7,"
                + "\"workload\":\"set\",\"converge-within-ms\":1}");
        Files.writeString(run.resolve("results.json"), "{\"valid\":true,\"wall-ms\":12345}");
        CheckCommandTest.Run r = CheckCommandTest.chaos("report", run.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        JsonNode results = new ObjectMapper().readTree(run.resolve("results.json").toFile());
        assertEquals(List.of("stats", "set", "convergence", "availability"), names(results.get("checkers")),
                "the set workload's checkers, no linearizable");
        assertFalse(results.get("checkers").get("convergence").get("valid").asBoolean(),
                "converge-within-ms 1 from scenario.json: the replicas took longer");
        assertEquals(1, results.get("checkers").get("convergence").get("within-ms").asInt());
        assertEquals(12345, results.get("wall-ms").asInt(), "the run's wall time is kept");
        assertEquals("clean-split", results.get("scenario").asText());

        // the same history checked alone uses the default limit: convergence is valid there
        JsonNode alone = new ObjectMapper().readTree(CheckCommandTest.chaos("check", run.resolve("history.jsonl").toString(),
                "--json", "--checker", "convergence").out());
        assertTrue(alone.get("checkers").get("convergence").get("valid").asBoolean());
    }

    @Test
    void aRunDirectoryWithTheScenarioAsDataIsCheckedWithItsCheckersAndLimit(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        writeSetHistory(run.resolve("history.jsonl"));
        Files.writeString(run.resolve("scenario.json"), "{\"scenario\": {\"name\": \"mine\", \"workload\": \"set\","
                + " \"converge-within\": \"2s\", \"checkers\": [\"stats\", \"convergence\"]}, \"target\": \"zookeeper\", \"seed\": 7}");
        CheckCommandTest.Run r = CheckCommandTest.chaos("report", run.toString());
        JsonNode results = new ObjectMapper().readTree(run.resolve("results.json").toFile());
        assertEquals(List.of("stats", "convergence"), names(results.get("checkers")), "the scenario's checkers: " + r.out() + r.err());
        assertEquals(2000, results.get("checkers").get("convergence").get("within-ms").asInt(), "its converge-within");
        assertEquals("mine", results.get("scenario").asText());
        assertEquals(7, results.get("seed").asInt());
    }

    @Test
    void outWritesElsewhereAndLeavesTheInputDirectoryAlone(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out/reports");
        CheckCommandTest.Run r = CheckCommandTest.chaos("report", CheckCommandTest.ETCD, "--out", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(Files.exists(out.resolve("report.html")));
        assertFalse(Files.exists(ETCD_INVALID.resolveSibling("report.html")));
        assertTrue(r.out().contains("wrote " + out.resolve("report.html")), r.out());
    }

    @Test
    void badScenarioJsonExits254NamingTheField(@TempDir Path run) throws Exception {
        writeSetHistory(run.resolve("history.jsonl"));
        Files.writeString(run.resolve("scenario.json"), "{\"workload\":42}");
        CheckCommandTest.Run r = CheckCommandTest.chaos("report", run.toString());
        assertEquals(254, r.exit());
        assertTrue(r.err().contains("scenario.json: field 'workload' must be a string"), r.err());
    }

    @Test
    void missingInputExits254() {
        CheckCommandTest.Run r = CheckCommandTest.chaos("report", "no/such/run");
        assertEquals(254, r.exit());
        assertTrue(r.err().contains("no such file"), r.err());
    }
}
