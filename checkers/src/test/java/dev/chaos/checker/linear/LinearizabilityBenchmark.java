package dev.chaos.checker.linear;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import dev.chaos.history.io.HistoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The linearizability checker on the public corpus, warm: all 40 Jepsen etcd histories in one
 * invocation (compare: Porcupine checks them in well under a second on 2 cores), each etcd file on
 * its own (the worst case), and the kv files. Histories are parsed in setup; only checking is timed.
 * Heap: run with {@code -prof gc}.
 *
 * <pre>scripts/bench checkers LinearizabilityBenchmark -f 1 -wi 3 -i 5 -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LinearizabilityBenchmark {

    static final Path CORPUS = Path.of(System.getProperty("chaos.corpus", "testdata/corpus/porcupine"));

    @Param({"all-etcd", "etcd_000.log", "etcd_002.log", "etcd_007.log", "etcd_018.log", "etcd_031.log", "etcd_038.log",
        "c10-ok.txt", "c10-bad.txt"})
    public String input;

    private List<History> histories;
    private String model;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path etcd = CORPUS.resolve("jepsen-etcd");
        List<Path> files = input.equals("all-etcd")
                ? Files.list(etcd).filter(p -> p.toString().endsWith(".log")).sorted().toList()
                : List.of(input.startsWith("etcd") ? etcd.resolve(input) : CORPUS.resolve("kv").resolve(input));
        histories = files.stream().map(p -> {
            try {
                return HistoryFiles.read(p).history();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        model = input.startsWith("c10") ? "kv" : "cas-register";
    }

    @Benchmark
    public int check() {
        int invalid = 0;
        LinearizableChecker checker = new LinearizableChecker(CheckOptions.defaults().withModel(model));
        for (History h : histories) {
            if (checker.check(h).verdict() == Verdict.INVALID) {
                invalid++;
            }
        }
        return invalid;
    }
}
