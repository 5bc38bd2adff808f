package dev.chaos.history.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transactional ops of docs/history-format.md, as a golden file: a committed, an aborted and an unknown txn. */
class TxnGoldenTest {

    static History sample() {
        ProcessId p2 = ProcessId.client(2);
        ProcessId p3 = ProcessId.client(3);
        Object invoke = Values.canonical(List.of(Arrays.asList("r", "x", null), List.of("append", "x", 4)));
        Object ok = Values.canonical(List.of(List.of("r", "x", List.of(1, 3)), List.of("append", "x", 4)));
        Object write = Values.canonical(List.of(List.of("w", "y", 7), Arrays.asList("r", "z", null)));
        return new History(new HistoryHeader(HistoryHeader.FORMAT_V1, "txn-serializable", "postgres", List.of("n1"), 7L,
                "2026-12-03T07:00:00Z", "chaos 0.1.0"), List.of(
                new Op(0, 9_100_000, p2, OpType.INVOKE, "txn", null, invoke, "n1", null, false),
                new Op(1, 9_200_000, p3, OpType.INVOKE, "txn", null, write, "n1", null, false),
                new Op(2, 9_800_000, p2, OpType.OK, "txn", null, ok, "n1", null, false),
                new Op(3, 9_900_000, p3, OpType.FAIL, "txn", null, write, "n1", "40001 serialization failure", false),
                new Op(4, 10_000_000, p3, OpType.INVOKE, "txn", null, invoke, "n1", null, false),
                new Op(5, 60_000_000, p3, OpType.INFO, "txn", null, invoke, "n1", "timed out", false)));
    }

    @Test
    void txnGoldenFileIsWhatTheWriterProducesAndReadsBackEqual() throws IOException {
        Path golden = Path.of("src/test/resources/golden/history-v1-txn.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HistoryFiles.writeJsonl(sample(), out);
        assertEquals(Files.readString(golden), out.toString(StandardCharsets.UTF_8));
        assertEquals(sample(), HistoryFiles.read(golden).history());
    }
}
