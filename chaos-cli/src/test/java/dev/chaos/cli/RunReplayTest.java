package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chaos.pipeline.RecordedRun;
import dev.chaos.pipeline.RunDirectory;
import dev.chaos.run.RunSpec;
import dev.chaos.scenario.Scenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code chaos run --replay}: every bad input is refused with 254 and a message naming the
 * directory, file or field and the fix, before anything starts; the recorded run is never written
 * to. The replay itself, on a real cluster, is {@code dev.chaos.pipeline.ReplayIT}.
 */
class RunReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Outcome(int exit, String out, String err) {
    }

    private static Outcome chaos(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(exit, out.toString(), err.toString());
    }

    /** A run directory as `chaos run` leaves it before its cluster starts: scenario.json only. */
    private Path recorded(String target, String backend) throws Exception {
        Scenario clean = Scenarios.resolve(Scenarios.files().builtin("clean-split"));
        Path dir = tmp.resolve("old-run");
        RunSpec rs = new RunSpec(Scenarios.withSeed(clean, 42), target, backend, 42, dir);
        RunDirectory.create(dir).writeScenario(rs, null);
        return dir;
    }

    /** The recorded scenario.json with one change made to its JSON. */
    private Path edited(Consumer<ObjectNode> change) throws Exception {
        Path dir = recorded("zookeeper", "local");
        Path file = dir.resolve(RunDirectory.SCENARIO);
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        change.accept(root);
        Files.writeString(file, JSON.writeValueAsString(root));
        return dir;
    }

    private void refused(Outcome r, String... parts) {
        assertEquals(254, r.exit(), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "'" + p + "' in: " + r.err());
        }
        assertFalse(r.out().contains("run directory:"), "nothing started: " + r.out());
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path gone = tmp.resolve("no-such-run");
        refused(chaos("run", "--replay", gone.toString()), "--replay: " + gone + ": no such run directory");
    }

    @Test
    void aFileIsNotARunDirectory() throws Exception {
        Path file = Files.writeString(tmp.resolve("history.jsonl"), "");
        refused(chaos("run", "--replay", file.toString()), file + ": not a directory; give the run directory that holds scenario.json");
    }

    @Test
    void aDirectoryWithoutScenarioJsonIsNamed() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        refused(chaos("run", "--replay", empty.toString()), empty + ": no scenario.json in it");
    }

    @Test
    void scenarioJsonThatIsNotJsonNamesTheFile() throws Exception {
        Path dir = recorded("zookeeper", "local");
        Files.writeString(dir.resolve("scenario.json"), "{\"scenario\": {\"name\": ");
        refused(chaos("run", "--replay", dir.toString()), "--replay: " + dir.resolve("scenario.json") + ": ");
    }

    @Test
    void aScenarioWithAnUnknownFieldNamesTheFieldOnce() throws Exception {
        Path dir = edited(root -> ((ObjectNode) root.get("scenario")).put("durration", "60s"));
        Outcome r = chaos("run", "--replay", dir.toString());
        refused(r, "scenario.json (scenario):1: durration: unknown field (did you mean 'duration'?)");
        assertEquals(1, r.err().split("scenario.json", -1).length - 1, "the file named once: " + r.err());
    }

    @Test
    void aScenarioJsonFromBeforeScenariosWereRecordedWholeSaysHowToRerunIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("old-format"));
        Files.writeString(dir.resolve("scenario.json"), "{\"scenario\":\"clean-split\",\"target\":\"zookeeper\",\"seed\":7,"
                + "\"workload\":\"set\"}");
        refused(chaos("run", "--replay", dir.toString()), "field 'scenario' is not an object", "run its scenario by name with --seed 7");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "target   | mysql      | field 'target': no target 'mysql' on this machine (found: etcd, ",
        "target   |            | field 'target' must be a string",
        "backend  | kubernetes | field 'backend': no backend 'kubernetes' on this machine (found: docker, local)",
        "seed     | soon       | field 'seed' must be an integer",
    })
    void aBadRunFieldIsNamedWithTheFix(String field, String value, String message) throws Exception {
        Path dir = edited(root -> {
            if (value == null) {
                root.remove(field);
            } else {
                root.put(field, value);
            }
        });
        refused(chaos("run", "--replay", dir.toString()), "--replay: " + dir.resolve("scenario.json") + ": " + message);
    }

    @Test
    void aTargetThatCannotRunOnTheRecordedBackendIsNamed() throws Exception {
        refused(chaos("run", "--replay", recorded("etcd", "local").toString()),
                "field 'backend': target etcd here runs on docker, not local");
    }

    @Test
    void nodesThatDisagreeWithTheScenarioAreNamed() throws Exception {
        Path dir = edited(root -> root.putArray("nodes").add("n1").add("n2"));
        refused(chaos("run", "--replay", dir.toString()), "field 'nodes' lists 2 nodes but the scenario's 'nodes' is 5");
    }

    @Test
    void aPlanThisChaosWouldNotRepeatIsRefused() throws Exception {
        Path dir = edited(root -> ((ObjectNode) root.get("plan").get(0)).put("start-ms", 1));
        refused(chaos("run", "--replay", dir.toString()), "field 'plan': this chaos plans the recorded scenario and seed differently",
                "occurrence 0: recorded clean-split (step 0) 1..");
    }

    @Test
    void scenarioAndReplayTogetherAreAUsageError() throws Exception {
        refused(chaos("run", "clean-split", "--replay", recorded("zookeeper", "local").toString()),
                "SCENARIO 'clean-split' and --replay: give one");
    }

    @Test
    void neitherScenarioNorReplayIsAUsageError() {
        refused(chaos("run"), "missing SCENARIO (a built-in name, a scenario file or a run directory), or --replay RUN_DIR");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--seed 7                        | --seed",
        "--nodes 3                       | --nodes",
        "--target zookeeper              | --target",
        "--no-sync-reads --duration 20s  | --sync-reads, --duration",
    })
    void optionsThatWouldChangeTheRunAreRefusedWithTheRecordedValues(String options, String named) throws Exception {
        Path dir = recorded("zookeeper", "local");
        List<String> args = new ArrayList<>(List.of("run", "--replay", dir.toString()));
        args.addAll(List.of(options.split(" ")));
        refused(chaos(args.toArray(String[]::new)), named + ": not with --replay",
                "(target zookeeper, backend local, 5 nodes, seed 42; only --out and --junit may be given)",
                "chaos run " + dir + " --target zookeeper --backend local " + named.replace(",", ""));
    }

    @Test
    void theReplayedDirectoryIsNeverTheNewOne() throws Exception {
        Path dir = recorded("zookeeper", "local");
        String before = Files.readString(dir.resolve("scenario.json"));
        refused(chaos("run", "--replay", dir.toString(), "--out", dir.resolve(".").toString()),
                "is the run being replayed; a replay goes into a new directory");
        assertEquals(before, Files.readString(dir.resolve("scenario.json")));
    }

    @Test
    void replayOfIsRecordedAndReadBackWhileOlderReadersIgnoreIt() throws Exception {
        Path old = recorded("zookeeper", "local");
        Path dir = tmp.resolve("replay");
        Scenario clean = Scenarios.resolve(Scenarios.files().builtin("clean-split"));
        RunDirectory.create(dir).writeScenario(new RunSpec(Scenarios.withSeed(clean, 42), "zookeeper", "local", 42, dir), old);
        RecordedRun replay = RunDirectory.readRun(dir);
        assertEquals(old.toAbsolutePath().normalize().toString(), replay.replayOf());
        assertNull(RunDirectory.readRun(old).replayOf());
        assertEquals(RunDirectory.readRun(old).plan(), replay.plan());
        // what chaos check and chaos report read: the field is beside the scenario, not in it
        assertEquals(42L, RunDirectory.readScenario(dir, null).facts().seed());
        assertEquals("clean-split", RunDirectory.readScenario(dir, null).scenario().name());
    }

    /** A target file on the local backend whose program does not exist: a run of it stops at set-up, after scenario.json. */
    private Path unstartableTargetFile() throws Exception {
        return Files.writeString(tmp.resolve("mine.yaml"), """
                format: chaos-target/1
                name: mine
                local:
                  command: [no-such-program-for-chaos-replay-test, "{{client-port}}"]
                ports: {client: 9000}
                ready: {tcp: true}
                clients:
                  set:
                    command:
                      add: {run: [true]}
                      read: {run: [echo], result: {lines: true}}
                      local-read: {run: [echo], result: {lines: true}}
                """);
    }

    @Test
    void aRunFromATargetFileRecordsItsPathAndHashAndTheReplayReadsThatFileAgain() throws Exception {
        Path file = unstartableTargetFile();
        Path first = tmp.resolve("first");
        Outcome r = chaos("run", "clean-split", "--target", file.toString(), "--nodes", "3", "--out", first.toString());
        assertEquals(255, r.exit(), r.err());
        var recorded = JSON.readTree(first.resolve(RunDirectory.SCENARIO).toFile());
        assertEquals(file.toAbsolutePath().normalize().toString(), recorded.get(RunDirectory.TARGET_FILE).asText());
        assertEquals(dev.chaos.targetfile.TargetFiles.sha256(Files.readAllBytes(file)), recorded.get(RunDirectory.TARGET_FILE_SHA256).asText());

        Outcome same = chaos("run", "--replay", first.toString(), "--out", tmp.resolve("again").toString());
        assertEquals(255, same.exit(), "the same file, found by its recorded path, fails the same way: " + same.err());
        assertTrue(same.err().contains(file + ": local.command: 'no-such-program-for-chaos-replay-test' is not a program"), same.err());
        assertFalse(same.err().contains("changed since the run"), same.err());

        Files.writeString(file, Files.readString(file) + "# edited\n");
        Outcome changed = chaos("run", "--replay", first.toString(), "--out", tmp.resolve("changed").toString());
        assertTrue(changed.err().contains("warning: " + file.toAbsolutePath().normalize() + " changed since the run (SHA-256 "), changed.err());

        Files.delete(file);
        refused(chaos("run", "--replay", first.toString(), "--out", tmp.resolve("gone").toString()),
                "field 'target-file': " + file.toAbsolutePath().normalize() + ": no such target file", "--target FILE");
    }
}
