package dev.chaos.history.jepsen;

import dev.chaos.history.History;
import dev.chaos.history.HistoryFormatException;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.PairingRules;
import dev.chaos.history.io.HistoryFileFormat;
import dev.chaos.history.io.LoadedHistory;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports a Jepsen {@code history.edn}: either one vector (or list, as Elle's test histories print
 * it) of op maps, or op maps one after another (one per line, as Jepsen writes it now). Ops are indexed in file order; Jepsen's own {@code :index}
 * is not needed.
 */
public final class JepsenEdnImporter {

    private JepsenEdnImporter() {
    }

    public static LoadedHistory read(InputStream in, String source) {
        EdnReader edn = new EdnReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16), source);
        List<Op> ops = new ArrayList<>();
        PairingRules rules = new PairingRules(source);
        int first = edn.peekForm();
        if (first == -1) {
            throw new HistoryFormatException(source, 0, "empty file; expected Jepsen op maps {:type :invoke, ...}");
        }
        boolean vector = first == '[' || first == '(';
        char close = first == '(' ? ')' : ']';
        if (vector) {
            edn.consume();
        }
        while (true) {
            int c = edn.peekForm();
            if (c == -1) {
                if (vector) {
                    throw edn.error("unexpected end of input: the history " + (close == ')' ? "list" : "vector")
                            + " has no closing '" + close + "'");
                }
                break;
            }
            if (vector && c == close) {
                edn.consume();
                if (edn.peekForm() != -1) {
                    throw edn.error("text after the end of the history vector");
                }
                break;
            }
            long line = edn.line();
            Op op = JepsenOps.fromMap(edn.readForm(), source, line).withIndex(ops.size());
            rules.accept(op, line);
            ops.add(op);
        }
        return new LoadedHistory(new History(HistoryHeader.imported("jepsen edn: " + source), ops),
                HistoryFileFormat.JEPSEN_EDN, List.of());
    }
}
