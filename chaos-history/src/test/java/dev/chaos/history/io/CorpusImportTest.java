package dev.chaos.history.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.History;
import dev.chaos.history.Op;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every public Jepsen/Porcupine history in testdata/ imports with the right op counts and survives export. */
class CorpusImportTest {

    static final Path CORPUS = Path.of("../testdata/corpus/porcupine");

    static Stream<Path> etcdLogs() throws IOException {
        return Files.list(CORPUS.resolve("jepsen-etcd")).filter(p -> p.toString().endsWith(".log")).sorted();
    }

    static Stream<Path> kvFiles() throws IOException {
        return Files.list(CORPUS.resolve("kv")).filter(p -> p.toString().endsWith(".txt")).sorted();
    }

    @Test
    void theCorpusIsThere() throws IOException {
        assertEquals(40, etcdLogs().count());
        assertEquals(4, kvFiles().count());
    }

    @ParameterizedTest
    @MethodSource("etcdLogs")
    void etcdLogImportsEveryOpLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        long opLines = lines.stream().filter(l -> l.contains("jepsen.util - ")).count();
        long invokes = lines.stream().filter(l -> l.contains("\t:invoke\t")).count();
        LoadedHistory loaded = HistoryFiles.read(file);
        assertEquals(HistoryFileFormat.JEPSEN_LOG, loaded.format());
        History h = loaded.history();
        assertEquals(opLines, h.size());
        assertEquals(invokes, h.calls().size());
        // Jepsen logs an indeterminate result's reason in the value's place: it must land in error.
        for (Op op : h.ops()) {
            if (op.isInfo()) {
                assertEquals("timed-out", op.error(), "info at index " + op.index());
            }
        }
        assertExportReimports(h);
    }

    @ParameterizedTest
    @MethodSource("kvFiles")
    void kvEdnImportsOneOpPerLine(Path file) throws IOException {
        long nonBlank = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
        LoadedHistory loaded = HistoryFiles.read(file);
        assertEquals(HistoryFileFormat.JEPSEN_EDN, loaded.format());
        History h = loaded.history();
        assertEquals(nonBlank, h.size());
        assertTrue(h.ops().stream().allMatch(op -> op.key() != null), "every kv op has a key");
        assertTrue(h.ops().stream().map(Op::f).allMatch(f -> f.equals("get") || f.equals("put") || f.equals("append")));
        assertExportReimports(h);
    }

    @Test
    void ednVectorOfMapsReadsLikeOneMapPerLine() throws IOException {
        String perLine = "{:process 0, :type :invoke, :f :read, :value nil}\n{:process 0, :type :ok, :f :read, :value 3}\n";
        String vector = "[{:process 0 :type :invoke :f :read :value nil}\n ; a comment\n {:process 0, :type :ok, :f :read, :value 3}]";
        History a = HistoryFiles.read(new ByteArrayInputStream(perLine.getBytes()), "a").history();
        History b = HistoryFiles.read(new ByteArrayInputStream(vector.getBytes()), "b").history();
        assertEquals(a.ops(), b.ops());
        assertEquals(3L, a.ops().get(1).value());
    }

    private static void assertExportReimports(History h) throws IOException {
        ByteArrayOutputStream edn = new ByteArrayOutputStream();
        HistoryFiles.writeEdn(h, edn);
        assertEquals(h.ops(), HistoryFiles.read(new ByteArrayInputStream(edn.toByteArray()), "edn").history().ops());
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        HistoryFiles.writeJsonl(h, jsonl);
        assertEquals(h.ops(), HistoryFiles.read(new ByteArrayInputStream(jsonl.toByteArray()), "jsonl").history().ops());
    }
}
