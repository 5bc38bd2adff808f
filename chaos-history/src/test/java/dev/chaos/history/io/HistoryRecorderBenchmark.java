package dev.chaos.history.io;

import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The recorder on the clients' hot path: 16 threads appending to one history file, as a run with 16
 * clients does. Throughput mode gives ops/s; sample mode gives the per-append latency distribution
 * (p99), lock wait included.
 *
 * <pre>scripts/bench chaos-history HistoryRecorderBenchmark -f 1 -wi 2 -i 3 -r 5 -bm thrpt,sample</pre>
 */
@State(Scope.Benchmark)
@Threads(16)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HistoryRecorderBenchmark {

    private Path file;
    private HistoryRecorder recorder;
    private final AtomicInteger processes = new AtomicInteger();

    @State(Scope.Thread)
    public static class Client {
        ProcessId process;
        boolean open;
        long value;

        @Setup(Level.Iteration)
        public void setUp(HistoryRecorderBenchmark b) {
            process = ProcessId.client(b.processes.getAndIncrement());
            open = false;
        }
    }

    @Setup(Level.Iteration)
    public void open() throws IOException {
        file = Files.createTempFile("chaos-bench", ".jsonl");
        recorder = HistoryRecorder.create(file, new HistoryHeader(HistoryHeader.FORMAT_V1, "bench", "none",
                java.util.List.of("n1", "n2", "n3"), 1L, null, "bench"));
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        recorder.close();
        Files.deleteIfExists(file);
    }

    /** One append: alternately the invoke and the ok of a write, as clients produce them. */
    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    public Op append(Client c) {
        OpType type = c.open ? OpType.OK : OpType.INVOKE;
        c.open = !c.open;
        return recorder.record(new Op(-1, -1, c.process, type, "write", "r1", c.value++, "n2", null, false));
    }
}
