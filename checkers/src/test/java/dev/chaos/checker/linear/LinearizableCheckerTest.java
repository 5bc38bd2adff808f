package dev.chaos.checker.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import dev.chaos.history.io.HistoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Given a history and a model, expect a verdict. */
class LinearizableCheckerTest {

    static final Path CORPUS = Path.of("../testdata/corpus/porcupine");

    static CheckResult check(History h, String model) {
        return new LinearizableChecker(CheckOptions.defaults().withModel(model)).check(h);
    }

    static Stream<Arguments> etcd() throws IOException {
        Map<String, String> expected = Files.readAllLines(CORPUS.resolve("jepsen-etcd/EXPECTED")).stream()
                .map(l -> l.split(" ")).collect(Collectors.toMap(a -> a[0], a -> a[1]));
        return expected.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("etcd")
    void jepsenEtcdCorpusVerdictsMatchExpected(String file, String expected) throws IOException {
        History h = HistoryFiles.read(CORPUS.resolve("jepsen-etcd").resolve(file)).history();
        CheckResult r = check(h, "cas-register");
        assertEquals(expected.equals("linearizable") ? Verdict.VALID : Verdict.INVALID, r.verdict(), r.summary().toString());
        if (r.verdict() == Verdict.INVALID) {
            Counterexample cx = (Counterexample) r.details().get("counterexample");
            assertTrue(cx.prefix().size() >= 0 && cx.blocked() != null, "an invalid result carries a counterexample");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kvFiles")
    void porcupineKvCorpus(String file) throws IOException {
        History h = HistoryFiles.read(CORPUS.resolve("kv").resolve(file)).history();
        CheckResult r = check(h, null); // inferred: get/put/append is kv
        assertEquals("kv", r.details().get("model"));
        assertEquals(file.contains("-ok") ? Verdict.VALID : Verdict.INVALID, r.verdict(), r.summary().toString());
    }

    static Stream<String> kvFiles() {
        return Stream.of("c01-ok.txt", "c01-bad.txt", "c10-ok.txt", "c10-bad.txt");
    }

    @Test
    void staleReadAfterAcknowledgedWriteIsInvalidWithCounterexample() {
        History h = new HistoryBuilder()
                .invoke(0, "write", 1).ok(0, "write", 1)
                .invoke(1, "read", null).ok(1, "read", null) // the write finished before this read began
                .build();
        CheckResult r = check(h, "register");
        assertEquals(Verdict.INVALID, r.verdict());
        Counterexample cx = (Counterexample) r.details().get("counterexample");
        assertEquals("read", cx.blocked().f());
        assertEquals(1, cx.prefix().size());
        assertEquals("1", cx.state());
        assertTrue(String.join("\n", r.summary()).contains("cannot place:   process 1 read null [2..3]"), r.summary().toString());
    }

    @Test
    void concurrentReadMaySeeEitherValue() {
        History h = new HistoryBuilder()
                .invoke(0, "write", 1).invoke(1, "read", null).ok(1, "read", null).ok(0, "write", 1)
                .invoke(2, "read", null).ok(2, "read", 1)
                .build();
        assertEquals(Verdict.VALID, check(h, "register").verdict());
    }

    @Test
    void infoWriteMayTakeEffectLateOrNever() {
        HistoryBuilder late = new HistoryBuilder()
                .invoke(0, "write", 1).info(0, "write", null)
                .invoke(1, "read", null).ok(1, "read", null)
                .invoke(2, "read", null).ok(2, "read", 1);
        assertEquals(Verdict.VALID, check(late.build(), "register").verdict(), "took effect between the reads");
        HistoryBuilder never = new HistoryBuilder()
                .invoke(0, "write", 1).info(0, "write", null)
                .invoke(1, "read", null).ok(1, "read", null);
        assertEquals(Verdict.VALID, check(never.build(), "register").verdict(), "never took effect");
        HistoryBuilder flipFlop = new HistoryBuilder()
                .invoke(0, "write", 1).info(0, "write", null)
                .invoke(1, "read", null).ok(1, "read", 1)
                .invoke(2, "read", null).ok(2, "read", null);
        assertEquals(Verdict.INVALID, check(flipFlop.build(), "register").verdict(), "cannot be undone");
    }

    @Test
    void failedCasNeverTookEffect() {
        History h = new HistoryBuilder()
                .invoke(0, "write", 0).ok(0, "write", 0)
                .invoke(1, "cas", List.of(0, 5)).fail(1, "cas", List.of(0, 5))
                .invoke(2, "read", null).ok(2, "read", 5)
                .build();
        assertEquals(Verdict.INVALID, check(h, "cas-register").verdict());
    }

    @Test
    void casSucceedsOnlyFromTheExpectedValue() {
        HistoryBuilder b = new HistoryBuilder()
                .invoke(0, "write", 1).ok(0, "write", 1)
                .invoke(1, "cas", List.of(2, 3)).ok(1, "cas", List.of(2, 3));
        assertEquals(Verdict.INVALID, check(b.build(), "cas-register").verdict());
    }

    @Test
    void setCounterAndMutexModels() {
        History set = new HistoryBuilder()
                .invoke(0, "add", 1).ok(0, "add", 1)
                .invoke(1, "add", 2).invoke(2, "read", null).ok(2, "read", List.of(1)).ok(1, "add", 2)
                .invoke(2, "read", null).ok(2, "read", List.of(2, 1))
                .build();
        assertEquals(Verdict.VALID, check(set, null).verdict());
        assertEquals("set", check(set, null).details().get("model"));
        History lostAdd = new HistoryBuilder()
                .invoke(0, "add", 1).ok(0, "add", 1)
                .invoke(2, "read", null).ok(2, "read", List.of())
                .build();
        assertEquals(Verdict.INVALID, check(lostAdd, "set").verdict());
        History counter = new HistoryBuilder()
                .invoke(0, "add", 2).ok(0, "add", 2).invoke(1, "add", 3).info(1, "add", null)
                .invoke(2, "read", null).ok(2, "read", 5).invoke(3, "read", null).ok(3, "read", 2)
                .build();
        assertEquals(Verdict.INVALID, check(counter, "counter").verdict(), "5 then 2: the add cannot be undone");
        History mutex = new HistoryBuilder()
                .invoke(0, "acquire", null).ok(0, "acquire", null)
                .invoke(1, "acquire", null).ok(1, "acquire", null)
                .build();
        assertEquals(Verdict.INVALID, check(mutex, null).verdict(), "two holders");
    }

    @Test
    void keysAreCheckedIndependently() {
        History h = new HistoryBuilder()
                .invoke(0, "write", "a", 1).ok(0, "write", "a", 1)
                .invoke(1, "write", "b", 2).ok(1, "write", "b", 2)
                .invoke(2, "read", "a", null).ok(2, "read", "a", 1)
                .invoke(3, "read", "b", null).ok(3, "read", "b", 1)
                .build();
        CheckResult r = check(h, "cas-register");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("b"), r.details().get("keys-invalid"));
    }

    @Test
    void finalReadsOfTheConvergenceProbeAreNotModelOperations() {
        List<dev.chaos.history.Op> ops = new java.util.ArrayList<>(new HistoryBuilder()
                .invoke(0, "write", "r1", 1).ok(0, "write", "r1", 1).build().ops());
        // a probe read of node n1's whole view: no key, a map value
        ops.add(new dev.chaos.history.Op(2, 2, dev.chaos.history.ProcessId.client(99), dev.chaos.history.OpType.INVOKE, "read", null,
                null, "n1", null, true));
        ops.add(new dev.chaos.history.Op(3, 3, dev.chaos.history.ProcessId.client(99), dev.chaos.history.OpType.OK, "read", null,
                java.util.Map.of("r1", 1L), "n1", null, true));
        CheckResult r = check(new History(dev.chaos.history.HistoryHeader.imported("t"), ops), "cas-register");
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertEquals(1, r.details().get("keys"));
    }

    @Test
    void noModelFitsGivesUnknownNamingTheFunctions() {
        History h = new HistoryBuilder().invoke(0, "enqueue", 1).ok(0, "enqueue", 1).build();
        CheckResult r = check(h, null);
        assertEquals(Verdict.UNKNOWN, r.verdict());
        assertTrue(r.summary().get(0).contains("[enqueue]"), r.summary().toString());
    }

    @Test
    void unknownModelIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearizableChecker(CheckOptions.defaults().withModel("queue")));
        assertTrue(e.getMessage().contains("unknown model 'queue'; known: cas-register"), e.getMessage());
    }

    /** 40 concurrent indeterminate writes and a read of a value nobody wrote: 2^40 subsets to rule out. */
    static History hard(int writers) {
        HistoryBuilder b = new HistoryBuilder();
        for (int p = 0; p < writers; p++) {
            b.invoke(p, "write", p % 2 == 0 ? 1 : p);
        }
        for (int p = 0; p < writers; p++) {
            b.info(p, "write", null);
        }
        b.invoke(1000, "read", null).ok(1000, "read", 1);
        b.invoke(1001, "read", null).ok(1001, "read", 3);
        b.invoke(1002, "read", null).ok(1002, "read", 1);
        b.invoke(1003, "read", null).ok(1003, "read", -1);
        return b.build();
    }

    @Test
    void timeBudgetGivesUnknownNotAHang() {
        long t0 = System.nanoTime();
        CheckResult r = new LinearizableChecker(new CheckOptions("register", Duration.ofMillis(300), 8L << 30)).check(hard(40));
        assertEquals(Verdict.UNKNOWN, r.verdict(), r.summary().toString());
        assertTrue(r.summary().get(0).contains("time limit"), r.summary().toString());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "stopped near its budget");
    }

    @Test
    void memoryBudgetGivesUnknownNotAnOutOfMemoryError() {
        CheckResult r = new LinearizableChecker(new CheckOptions("register", Duration.ofMinutes(5), 16L << 20)).check(hard(50));
        assertEquals(Verdict.UNKNOWN, r.verdict(), r.summary().toString());
        assertTrue(r.summary().get(0).contains("memory limit 16 MiB"), r.summary().toString());
    }
}
