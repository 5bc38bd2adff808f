package dev.chaos.history.io;

import dev.chaos.history.History;
import dev.chaos.history.HistoryFormatException;
import dev.chaos.history.Op;
import dev.chaos.history.jepsen.EdnWriter;
import dev.chaos.history.jepsen.JepsenEdnImporter;
import dev.chaos.history.jepsen.JepsenLogImporter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one entry point for reading and writing history files: detects the format from the content
 * (not the file name) and dispatches to the right reader.
 */
public final class HistoryFiles {

    private static final int SNIFF_BYTES = 64 * 1024;

    private HistoryFiles() {
    }

    /** Reads a history in any supported format. */
    public static LoadedHistory read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            Path inRun = file.resolve("history.jsonl");
            if (Files.isRegularFile(inRun)) {
                file = inRun;
            } else {
                throw new HistoryFormatException(file.toString(), 0, "is a directory without a history.jsonl;"
                        + " name a history file or a run directory");
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new HistoryFormatException(file.toString(), 0, "no such file");
        }
    }

    public static LoadedHistory read(InputStream raw, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, SNIFF_BYTES);
        HistoryFileFormat format = detect(in, source);
        return switch (format) {
            case CHAOS_JSONL -> JsonlHistoryReader.read(in, source);
            case JEPSEN_EDN -> JepsenEdnImporter.read(in, source);
            case JEPSEN_LOG -> JepsenLogImporter.read(in, source);
        };
    }

    /** Looks at the start of the stream (which is left where it was) and names its format. */
    public static HistoryFileFormat detect(BufferedInputStream in, String source) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            i = 3; // a UTF-8 byte order mark
        }
        while (i < head.length && isSpace(head[i])) {
            i++;
        }
        if (i == head.length) {
            throw new HistoryFormatException(source, 0, "empty file; expected a chaos history.jsonl, a Jepsen"
                    + " history.edn or a Jepsen log");
        }
        byte c = head[i];
        if (c == '{') {
            int j = i + 1;
            while (j < head.length && isSpace(head[j])) {
                j++;
            }
            if (j < head.length && head[j] == '"') {
                return HistoryFileFormat.CHAOS_JSONL;
            }
            return HistoryFileFormat.JEPSEN_EDN;
        }
        if (c == '[' || c == '(' || c == '#' || c == ';') {
            return HistoryFileFormat.JEPSEN_EDN;
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (text.lines().limit(10_000).anyMatch(l -> JepsenLogImporter.isOpLine(l))) {
            return HistoryFileFormat.JEPSEN_LOG;
        }
        boolean binary = false;
        for (int k = i; k < Math.min(head.length, i + 512); k++) {
            if (head[k] == 0) {
                binary = true;
                break;
            }
        }
        throw new HistoryFormatException(source, 1, (binary ? "binary data, " : "")
                + "not a history: expected a chaos history.jsonl (line 1 {\"format\":\"chaos-history/1\",...}),"
                + " a Jepsen history.edn ({:type :invoke, ...} maps) or a Jepsen log ('INFO jepsen.util - 0 :invoke :read nil')");
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == ',';
    }

    /** Writes a whole history as {@code chaos-history/1} JSON lines, keeping its indices and times. */
    public static void writeJsonl(History history, OutputStream raw) throws IOException {
        OutputStream out = new BufferedOutputStream(raw, 1 << 16);
        StringBuilder sb = new StringBuilder(256);
        JsonText.header(history.header(), sb);
        sb.append('\n');
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        for (Op op : history.ops()) {
            sb.setLength(0);
            JsonText.op(op, sb);
            sb.append('\n');
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    /** Writes a whole history as Jepsen EDN, one op map per line. */
    public static void writeEdn(History history, OutputStream raw) throws IOException {
        Writer w = new OutputStreamWriter(new BufferedOutputStream(raw, 1 << 16), StandardCharsets.UTF_8);
        EdnWriter.write(history, w);
        w.flush();
    }
}
