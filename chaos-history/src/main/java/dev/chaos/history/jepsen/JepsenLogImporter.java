package dev.chaos.history.jepsen;

import dev.chaos.history.History;
import dev.chaos.history.HistoryFormatException;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.PairingRules;
import dev.chaos.history.ProcessId;
import dev.chaos.history.io.HistoryFileFormat;
import dev.chaos.history.io.LoadedHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports the op lines of a Jepsen log: {@code INFO  jepsen.util - 3\t:invoke\t:read\tnil}, where the
 * fields after the process are type, f, value and, optionally, an error. Other log lines are skipped.
 *
 * <p>Jepsen logs an indeterminate or failed result with the reason in the value's place
 * ({@code :info :write :timed-out}); a keyword value on a {@code fail} or {@code info} completion is
 * therefore read as the error, and the value as unknown (null).
 */
public final class JepsenLogImporter {

    /** Matches an op line; group 1 process, 2 type, 3 f, 4 the rest (value and error, as EDN). */
    static final Pattern OP_LINE = Pattern.compile(
            "^.*?\\bjepsen\\.util\\s+-\\s+(:?[\\w.-]+)\\s+:(invoke|ok|fail|info)\\s+(:?\\S+)\\s*(.*)$");
    private static final int MAX_LINE_CHARS = 1 << 20;

    private JepsenLogImporter() {
    }

    public static LoadedHistory read(InputStream in, String source) {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        List<Op> ops = new ArrayList<>();
        PairingRules rules = new PairingRules(source);
        long lineNo = 0;
        try {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.length() > MAX_LINE_CHARS) {
                    throw new HistoryFormatException(source, lineNo, "line is longer than " + MAX_LINE_CHARS + " characters");
                }
                if (line.indexOf('\0') >= 0) {
                    throw new HistoryFormatException(source, lineNo, "NUL byte: this is binary data, not a Jepsen log");
                }
                Matcher m = OP_LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                Op op = parse(m, source, lineNo).withIndex(ops.size());
                rules.accept(op, lineNo);
                ops.add(op);
            }
        } catch (CharacterCodingException e) {
            throw new HistoryFormatException(source, lineNo + 1, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        if (ops.isEmpty()) {
            throw new HistoryFormatException(source, 0, "no op lines ('INFO jepsen.util - <process> :<type> :<f> <value>') found");
        }
        return new LoadedHistory(new History(HistoryHeader.imported("jepsen log: " + source), ops),
                HistoryFileFormat.JEPSEN_LOG, List.of());
    }

    /** True for a line that carries a Jepsen op (used to recognise the format). */
    public static boolean isOpLine(String line) {
        return OP_LINE.matcher(line).matches();
    }

    private static Op parse(Matcher m, String source, long line) {
        String p = m.group(1);
        ProcessId process;
        if (p.startsWith(":")) {
            process = ProcessId.named(p.substring(1));
        } else {
            try {
                process = ProcessId.client(Long.parseLong(p));
            } catch (NumberFormatException e) {
                process = ProcessId.named(p);
            }
        }
        OpType type = OpType.fromWire(m.group(2));
        String f = m.group(3).startsWith(":") ? m.group(3).substring(1) : m.group(3);
        String rest = m.group(4).trim();
        Object value = null;
        Object error = null;
        if (!rest.isEmpty()) {
            EdnReader edn = new EdnReader(new StringReader(rest), source + ":" + line);
            value = edn.readForm();
            if (edn.peekForm() != -1) {
                error = edn.readForm();
            }
        }
        if (error == null && value instanceof Keyword k && (type == OpType.FAIL || type == OpType.INFO)) {
            error = k;
            value = null;
        }
        return new Op(-1, -1, process, type, f, null, JepsenOps.value(value), null,
                error == null ? null : (error instanceof Keyword k ? k.name() : EdnWriter.toEdn(JepsenOps.value(error))),
                false);
    }
}
