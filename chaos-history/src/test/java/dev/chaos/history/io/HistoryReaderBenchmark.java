package dev.chaos.history.io;

import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading a 1M-op history.jsonl: streaming (constant memory, what a big-history checker uses) and
 * loading it whole (what {@code chaos check} does). Divide the file size (printed at setup) by the
 * time for MB/s; run with {@code -prof gc} for allocation.
 *
 * <pre>scripts/bench chaos-history HistoryReaderBenchmark -f 1 -wi 1 -i 3 -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HistoryReaderBenchmark {

    static final int OPS = 1_000_000;
    private Path file;

    @Setup(Level.Trial)
    public void write() throws IOException {
        file = Files.createTempFile("chaos-bench-1m", ".jsonl");
        try (HistoryRecorder rec = HistoryRecorder.create(file, new HistoryHeader(HistoryHeader.FORMAT_V1, "bench", "none",
                java.util.List.of("n1", "n2", "n3"), 1L, null, "bench"))) {
            for (int i = 0; i < OPS / 2; i++) {
                ProcessId p = ProcessId.client(i % 16);
                rec.record(new Op(-1, -1, p, OpType.INVOKE, "add", null, (long) i, "n" + (1 + i % 3), null, false));
                rec.record(new Op(-1, -1, p, OpType.OK, "add", null, (long) i, "n" + (1 + i % 3), null, false));
            }
        }
        System.out.printf("%n1M-op history: %.1f MB%n", Files.size(file) / 1e6);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public long stream() throws IOException {
        long[] n = new long[1];
        try (InputStream in = Files.newInputStream(file)) {
            JsonlHistoryReader.stream(in, "bench", op -> n[0]++, w -> { });
        }
        return n[0];
    }

    @Benchmark
    public int load() throws IOException {
        return HistoryFiles.read(file).history().size();
    }
}
