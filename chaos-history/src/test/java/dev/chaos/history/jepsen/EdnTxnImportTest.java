package dev.chaos.history.jepsen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.HistoryFormatException;
import dev.chaos.history.Op;
import dev.chaos.history.io.HistoryFiles;
import dev.chaos.history.io.LoadedHistory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Elle's histories: a top-level list of op maps, :txn values with keyword micro-ops. */
class EdnTxnImportTest {

    static LoadedHistory read(String edn) throws Exception {
        return HistoryFiles.read(new ByteArrayInputStream(edn.getBytes(StandardCharsets.UTF_8)), "h.edn");
    }

    @Test
    void aListOfTxnOpsReadsLikeAVector() throws Exception {
        LoadedHistory h = read("""
                ({:type :invoke, :f :txn, :value [[:append 1 2] [:r 1 nil]], :process 0}
                 {:type :ok, :f :txn, :value [[:append 1 2] [:r 1 [1 2]]], :process 0})
                """);
        List<Op> ops = h.history().ops();
        assertEquals(2, ops.size());
        assertEquals("txn", ops.get(1).f());
        assertEquals(List.of(List.of("append", 1L, 2L), List.of("r", 1L, List.of(1L, 2L))), ops.get(1).value());
        assertEquals(java.util.Arrays.asList("r", 1L, null), ((List<?>) ops.get(0).value()).get(1));
    }

    @Test
    void txnExportWritesElleKeywordsAndReadsBack() throws Exception {
        LoadedHistory h = read("""
                {:type :invoke, :f :txn, :value [[:append "x" 2] [:r "x" nil]], :process 0}
                {:type :ok, :f :txn, :value [[:append "x" 2] [:r "x" [1 2]]], :process 0}
                """);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        HistoryFiles.writeEdn(h.history(), out);
        String edn = out.toString(StandardCharsets.UTF_8);
        assertTrue(edn.contains(":value [[:append \"x\" 2] [:r \"x\" [1 2]]]"), edn);
        assertEquals(h.history().ops(), read(edn).history().ops());
    }

    @Test
    void anUnclosedListNamesItsClosingParenthesis() {
        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> read("({:type :invoke, :f :txn, :value [], :process 0}\n"));
        assertTrue(e.getMessage().contains("the history list has no closing ')'"), e.getMessage());
    }
}
