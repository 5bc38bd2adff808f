package dev.chaos.history.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given ops written by chaos, reading them back gives the same ops, in every format chaos writes. */
class HistoryRoundTripTest {

    private static final HistoryHeader HEADER = new HistoryHeader(HistoryHeader.FORMAT_V1, "clean-split", "zookeeper",
            List.of("n1", "n2", "n3", "n4", "n5"), 42L, "2026-11-22T10:00:00Z", "chaos 0.1.0", 100.0, 10);

    /** A history touching every field and every value shape, including text that needs escaping. */
    static History sample() {
        Map<String, Object> grudge = new LinkedHashMap<>();
        grudge.put("n1", List.of("n4", "n5"));
        grudge.put("n4", List.of("n1", "n2", "n3"));
        List<Op> ops = List.of(
                new Op(0, 0, ProcessId.client(3), OpType.INVOKE, "write", "r1", 4L, "n2", null, false),
                new Op(1, 1_000, ProcessId.client(0), OpType.INVOKE, "cas", "r1", Values.list(4, 5), "n1", null, false, 500),
                new Op(2, 81_234_567, ProcessId.client(3), OpType.OK, "write", "r1", 4L, "n2", null, false),
                new Op(3, 90_000_000, ProcessId.NEMESIS, OpType.INFO, "start-partition", null, Values.canonical(grudge), null, null, false),
                new Op(4, 95_000_000, ProcessId.client(0), OpType.INFO, "cas", "r1", Values.list(4, 5), "n1", "timed-out", false),
                new Op(5, 96_000_000, ProcessId.client(3), OpType.INVOKE, "add", null,
                        "quote \" backslash \\ newline \n tab \t nul \u0000 <script>alert(1)</script> é 😀", "n2", null, false),
                new Op(6, 97_000_000, ProcessId.client(3), OpType.FAIL, "add", null, null, "n2", "connection refused", false),
                new Op(7, 98_000_000, ProcessId.client(5), OpType.INVOKE, "read", null, null, "n3", null, true),
                new Op(8, 99_000_000, ProcessId.client(5), OpType.OK, "read", null,
                        Values.list(1, -2, 3.5, true, false, null, Values.list()), "n3", null, true),
                new Op(9, 100_000_000, ProcessId.client(7), OpType.INVOKE, "read", null, null, null, null, false));
        return new History(HEADER, ops);
    }

    @Test
    void jsonlWriteThenReadGivesTheSameOps() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HistoryFiles.writeJsonl(sample(), out);
        LoadedHistory back = HistoryFiles.read(new ByteArrayInputStream(out.toByteArray()), "mem");
        assertEquals(HistoryFileFormat.CHAOS_JSONL, back.format());
        assertEquals(sample(), back.history());
        assertEquals(List.of(), back.warnings());
    }

    @Test
    void goldenFileIsExactlyWhatTheWriterProducesAndReadsBackEqual() throws IOException {
        // The golden file is the public contract: if this test fails, the format changed.
        Path golden = Path.of("src/test/resources/golden/history-v1.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HistoryFiles.writeJsonl(sample(), out);
        assertEquals(Files.readString(golden), out.toString(StandardCharsets.UTF_8));
        assertEquals(sample(), HistoryFiles.read(golden).history());
    }

    @Test
    void ednExportReimportsIdentically() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HistoryFiles.writeEdn(sample(), out);
        LoadedHistory back = HistoryFiles.read(new ByteArrayInputStream(out.toByteArray()), "mem.edn");
        assertEquals(HistoryFileFormat.JEPSEN_EDN, back.format());
        assertEquals(sample().ops(), back.history().ops());
    }

    @Test
    void recorderStampsDenseIndicesAndMonotonicTimesUnderConcurrency(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.jsonl");
        int threads = 16;
        int perThread = 500;
        try (HistoryRecorder rec = HistoryRecorder.create(file, HEADER)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ProcessId p = ProcessId.client(t);
                ts.add(Thread.ofVirtual().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (long i = 0; i < perThread; i++) {
                        rec.record(Op.of(p, OpType.INVOKE, "add", null, i));
                        rec.record(Op.of(p, OpType.OK, "add", null, i));
                    }
                }));
            }
            start.countDown();
            for (Thread t : ts) {
                t.join();
            }
        }
        History h = HistoryFiles.read(file).history();
        assertEquals(threads * perThread * 2, h.size());
        long lastTime = -1;
        for (int i = 0; i < h.size(); i++) {
            Op op = h.ops().get(i);
            assertEquals(i, op.index());
            assertTrue(op.time() >= lastTime, "time goes backwards at index " + i);
            lastTime = op.time();
        }
        assertEquals(threads * perThread, h.calls().stream().filter(c -> c.isOk()).count());
    }

    @Test
    void aCrashMidLineLeavesAReadablePrefix(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("history.jsonl");
        try (HistoryRecorder rec = HistoryRecorder.create(file, HEADER)) {
            rec.record(Op.of(ProcessId.client(0), OpType.INVOKE, "read", null, null));
            rec.record(Op.of(ProcessId.client(0), OpType.OK, "read", null, 3L));
            rec.record(Op.of(ProcessId.client(0), OpType.INVOKE, "write", null, 4L));
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 20)); // cut the last line short
        LoadedHistory back = HistoryFiles.read(file);
        assertEquals(2, back.history().size());
        assertEquals(1, back.warnings().size());
        assertTrue(back.warnings().get(0).contains(":4: last line is cut short"), back.warnings().get(0));
    }
}
