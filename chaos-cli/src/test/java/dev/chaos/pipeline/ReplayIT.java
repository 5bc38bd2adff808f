package dev.chaos.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.cli.Main;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import dev.chaos.history.io.HistoryFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaos run --replay} end to end, through the CLI: a short run of the test-scoped
 * {@link ForwardingTarget} (3 local processes, partitions through the proxy) whose schedule picks a
 * random partition kind every 2 s, then a replay of its directory. The replay plans the same
 * faults, the nemesis makes the same random choices (the same grudges, in the same order), each
 * starts at its planned time, with the same seed and node count, in a fresh directory, and the
 * replayed run's files are untouched.
 */
class ReplayIT {

    /** Generous (two shared cores; a start is a few proxy API calls, the first ones cold), yet half the 2 s between starts. */
    private static final long SLACK_MS = 1000;

    private static final String SCENARIO = """
            name: replay-check
            workload: set
            nodes: 3
            rate: 40
            concurrency: 3
            duration: 12s
            op-timeout: 2s
            converge-within: 20s
            schedule:
              - {random: [clean-split, isolate, asymmetric, bridge], at: 1500ms, hold: 1s, every: 2s}
            """;

    record Outcome(int exit, String out, String err) {
    }

    private static Outcome chaos(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(exit, out.toString(), err.toString());
    }

    /** A fault start as the history has it: what the nemesis did, and when (ms from the run start). */
    record Started(String f, String value, long ms) {
        String fault() {
            return f + " " + value;
        }
    }

    private static List<Started> starts(History h) {
        return h.nemesisOps().stream().filter(o -> o.f().startsWith("start-"))
                .map(o -> new Started(o.f(), Objects.toString(o.value()), o.time() / 1_000_000)).toList();
    }

    @Test
    @Timeout(120)
    void aReplayPlansAndChoosesTheSameFaultsAtTheSameTimesInAFreshDirectory(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("replay-check.yaml"), SCENARIO);
        Path original = tmp.resolve("original");
        Outcome first = chaos("run", file.toString(), "--target", "forwarding", "--backend", "local", "--seed", "4242",
                "--out", original.toString());
        assertTrue(first.exit() >= 0 && first.exit() <= 2, "the run ran and was judged: exit " + first.exit() + "\n" + first.out() + first.err());
        byte[] originalScenario = Files.readAllBytes(original.resolve(RunDirectory.SCENARIO));
        byte[] originalHistory = Files.readAllBytes(original.resolve("history.jsonl"));

        Path replay = tmp.resolve("replay");
        Path junit = tmp.resolve("junit.xml");
        Outcome second = chaos("run", "--replay", original.toString(), "--out", replay.toString(), "--junit", junit.toString());
        assertTrue(second.exit() >= 0 && second.exit() <= 2, "the replay ran and was judged: exit " + second.exit() + "\n" + second.out() + second.err());
        assertTrue(second.out().contains("replay of " + original + ": the same scenario, target, backend, nodes and seed; 5 planned"
                + " faults at the same times"), second.out());
        assertTrue(Files.isRegularFile(junit), "--junit is taken with --replay");

        RecordedRun was = RunDirectory.readRun(original);
        RecordedRun again = RunDirectory.readRun(replay);
        List<Started> a = starts(HistoryFiles.read(original.resolve("history.jsonl")).history());
        List<Started> b = starts(HistoryFiles.read(replay.resolve("history.jsonl")).history());
        System.out.println("ReplayIT: seed " + was.seed() + " / " + again.seed() + ", nodes " + was.nodes() + " / " + again.nodes());
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            System.out.println("  " + (i < was.plan().size() ? was.plan().get(i) : "-") + " | original "
                    + (i < a.size() ? a.get(i).ms() + " ms " + a.get(i).fault() : "-") + " | replay "
                    + (i < b.size() ? b.get(i).ms() + " ms " + b.get(i).fault() : "-"));
        }

        assertEquals(4242L, was.seed());
        assertEquals(was.seed(), again.seed(), "the same seed");
        assertEquals(List.of("n1", "n2", "n3"), again.nodes(), "the same nodes");
        assertEquals(was.scenario(), again.scenario(), "the same resolved scenario");
        assertEquals(List.of("forwarding", "local"), List.of(again.target(), again.backend()));
        assertEquals(5, was.plan().size(), "starts at 1.5, 3.5, 5.5, 7.5 and 9.5 s in the 10 s fault window: " + was.plan());
        assertEquals(was.plan(), again.plan(), "the same planned faults at the same planned times");

        assertEquals(was.plan().size(), a.size(), "every planned fault started in the original: " + a);
        assertEquals(a.stream().map(Started::fault).toList(), b.stream().map(Started::fault).toList(),
                "the same faults with the same grudges, in the same order");
        Set<String> distinct = a.stream().map(Started::value).collect(Collectors.toSet());
        assertTrue(distinct.size() > 1, "the seed chose more than one grudge, so equal lists are not a given: " + distinct);
        for (int i = 0; i < a.size(); i++) {
            long planned = was.plan().get(i).startMs();
            for (Started s : List.of(a.get(i), b.get(i))) {
                assertTrue(s.ms() >= planned && s.ms() <= planned + SLACK_MS,
                        "start " + i + " at " + s.ms() + " ms, planned " + planned + " ms (slack " + SLACK_MS + " ms)");
            }
        }

        assertNotEquals(original.toRealPath(), replay.toRealPath());
        assertEquals(original.toAbsolutePath().normalize().toString(), again.replayOf(), "the replay names the run it repeats");
        assertNull(was.replayOf());
        assertArrayEquals(originalScenario, Files.readAllBytes(original.resolve(RunDirectory.SCENARIO)), "the replayed scenario.json is untouched");
        assertArrayEquals(originalHistory, Files.readAllBytes(original.resolve("history.jsonl")), "the replayed history is untouched");
        for (String f : List.of("history.jsonl", "results.json", "report.html", "scenario.json")) {
            assertTrue(Files.isRegularFile(replay.resolve(f)), f + " in " + replay);
        }
        assertTrue(HistoryFiles.read(replay.resolve("history.jsonl")).history().ops().stream().anyMatch(Op::isClient),
                "the replay ran clients too");
    }
}
