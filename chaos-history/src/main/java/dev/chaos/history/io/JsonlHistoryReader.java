package dev.chaos.history.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.chaos.history.History;
import dev.chaos.history.HistoryFormatException;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.PairingRules;
import dev.chaos.history.ProcessId;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads {@code chaos-history/1} JSON lines, streaming, one line at a time.
 *
 * <p>The input is untrusted (histories arrive attached to bug reports): lines are bounded
 * ({@link BoundedLines#MAX_LINE_BYTES}), nesting is bounded, duplicate fields are rejected, and values
 * only ever become the plain data of {@link Op}; nothing names a class to instantiate. Every error
 * names the line. A last line without a newline that does not parse is what a crash leaves behind: it
 * is dropped with a warning. Unknown fields are ignored with one warning per field name, so that
 * later v1 writers may add optional fields.
 */
public final class JsonlHistoryReader {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(BoundedLines.MAX_LINE_BYTES)
                    .maxNumberLength(64)
                    .build())
            .build();

    private static final int MAX_VALUE_DEPTH = 32;

    private final String source;
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> unknownFieldsSeen = new LinkedHashSet<>();
    // A history repeats a handful of f names, nodes, keys and processes a million times: keep one copy.
    private final Map<String, String> names = new java.util.HashMap<>();
    private final Map<Long, ProcessId> clients = new java.util.HashMap<>();
    private static final int MAX_SHARED_NAMES = 100_000;

    private JsonlHistoryReader(String source) {
        this.source = source;
    }

    /** Reads the whole history into memory. */
    public static LoadedHistory read(InputStream in, String source) {
        List<Op> ops = new ArrayList<>();
        JsonlHistoryReader reader = new JsonlHistoryReader(source);
        HistoryHeader header = reader.stream(in, ops::add);
        return new LoadedHistory(new History(header, ops), HistoryFileFormat.CHAOS_JSONL, reader.warnings);
    }

    /**
     * Streams the ops to {@code sink} without keeping them, and returns the header. Warnings go to
     * {@code warningSink}.
     */
    public static HistoryHeader stream(InputStream in, String source, Consumer<Op> sink, Consumer<String> warningSink) {
        JsonlHistoryReader reader = new JsonlHistoryReader(source);
        HistoryHeader header = reader.stream(in, sink);
        reader.warnings.forEach(warningSink);
        return header;
    }

    private HistoryHeader stream(InputStream in, Consumer<Op> sink) {
        BoundedLines lines = new BoundedLines(in, source);
        PairingRules rules = new PairingRules(source);
        HistoryHeader header = null;
        long expectedIndex = 0;
        while (lines.next()) {
            if (lines.isBlank()) {
                if (lines.terminated()) {
                    throw error(lines.number(), "blank line; every line of a history is one JSON object");
                }
                continue;
            }
            try {
                if (header == null) {
                    header = header(lines);
                    continue;
                }
                Op op = op(lines, expectedIndex);
                rules.accept(op, lines.number());
                sink.accept(op);
                expectedIndex++;
            } catch (HistoryFormatException e) {
                if (!lines.terminated() && header != null) {
                    warnings.add(source + ":" + lines.number() + ": last line is cut short (" + e.problem()
                            + "); a crash mid-write leaves this, so it was dropped and the " + expectedIndex
                            + " ops before it were kept");
                    break;
                }
                throw e;
            }
        }
        if (header == null) {
            throw error(0, "empty file; a history starts with a header line {\"format\":\"" + HistoryHeader.FORMAT_V1
                    + "\",...}");
        }
        if (!unknownFieldsSeen.isEmpty()) {
            warnings.add(source + ": ignored unknown fields " + unknownFieldsSeen
                    + " (written by a newer chaos, or by hand?)");
        }
        return header;
    }

    /** Receives one field of a JSON object line; the parser is on the field's value. */
    private interface FieldReader {
        void read(JsonParser p, String field) throws IOException;
    }

    /** Parses one line as one JSON object, handing each field to {@code fields}; unknown ones are noted and skipped. */
    private void readObject(BoundedLines lines, String what, FieldReader fields) {
        long line = lines.number();
        try (JsonParser p = JSON.createParser(lines.bytes(), 0, lines.length())) {
            expectObject(p, line, what);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                fields.read(p, field);
            }
            expectEnd(p, line);
        } catch (JsonProcessingException e) {
            throw malformed(line, e);
        } catch (IOException e) {
            throw error(line, "cannot parse: " + e.getMessage());
        }
    }

    private void unknown(JsonParser p, String field) throws IOException {
        unknownFieldsSeen.add(field);
        p.skipChildren();
    }

    /** The header's fields while they are read. */
    private static final class HeaderFields {
        String format;
        String scenario;
        String target;
        List<String> nodes = List.of();
        Long seed;
        String started;
        String tool;
        Double rate;
        Integer concurrency;
    }

    private HistoryHeader header(BoundedLines lines) {
        long line = lines.number();
        HeaderFields h = new HeaderFields();
        readObject(lines, "the header", (p, field) -> {
            switch (field) {
                case "format" -> h.format = string(p, line, field);
                case "scenario" -> h.scenario = string(p, line, field);
                case "target" -> h.target = string(p, line, field);
                case "nodes" -> h.nodes = stringList(p, line, field);
                case "seed" -> h.seed = p.currentToken() == JsonToken.VALUE_NULL ? null : longValue(p, line, field);
                case "started" -> h.started = string(p, line, field);
                case "tool" -> h.tool = string(p, line, field);
                case "rate" -> {
                    if (!p.currentToken().isNumeric() || p.getDoubleValue() <= 0) {
                        throw error(line, "\"rate\" must be a number > 0 (the client ops/s the run asked for)");
                    }
                    h.rate = p.getDoubleValue();
                }
                case "concurrency" -> {
                    long c = longValue(p, line, field);
                    if (c < 1 || c > Integer.MAX_VALUE) {
                        throw error(line, "\"concurrency\" is " + c + "; the number of clients is >= 1");
                    }
                    h.concurrency = (int) c;
                }
                default -> unknown(p, field);
            }
        });
        String format = h.format;
        if (format == null) {
            throw error(line, "line 1 must be the header, with a \"format\" field: {\"format\":\""
                    + HistoryHeader.FORMAT_V1 + "\",\"nodes\":[...],...}");
        }
        if (!format.equals(HistoryHeader.FORMAT_V1)) {
            throw error(line, format.startsWith(HistoryHeader.FORMAT_PREFIX)
                    ? "format \"" + format + "\" is newer than this chaos understands (" + HistoryHeader.FORMAT_V1
                    + "); upgrade chaos to read it"
                    : "format \"" + format + "\" is not a chaos history; expected \"" + HistoryHeader.FORMAT_V1 + "\"");
        }
        return new HistoryHeader(format, h.scenario, h.target, h.nodes, h.seed, h.started, h.tool, h.rate, h.concurrency);
    }

    /** An op's fields while they are read. */
    private static final class OpFields {
        Long index;
        long time = -1;
        ProcessId process;
        OpType type;
        String f;
        String key;
        Object value;
        String node;
        String error;
        boolean isFinal;
        long intended = -1;
    }

    private Op op(BoundedLines lines, long expectedIndex) {
        long line = lines.number();
        OpFields o = new OpFields();
        readObject(lines, "an op", (p, field) -> {
            switch (field) {
                case "index" -> o.index = longValue(p, line, field);
                case "time" -> {
                    o.time = longValue(p, line, field);
                    if (o.time < 0) {
                        throw error(line, "\"time\" is " + o.time + "; times are nanoseconds since the run started, >= 0");
                    }
                }
                case "intended" -> {
                    o.intended = longValue(p, line, field);
                    if (o.intended < 0) {
                        throw error(line, "\"intended\" is " + o.intended + "; an intended start is nanoseconds since the run started, >= 0");
                    }
                }
                case "process" -> o.process = process(p, line);
                case "type" -> {
                    String t = string(p, line, field);
                    o.type = t == null ? null : OpType.fromWire(t);
                    if (o.type == null) {
                        throw error(line, "unknown \"type\" " + quote(t) + "; expected invoke, ok, fail or info");
                    }
                }
                case "f" -> o.f = shared(string(p, line, field));
                case "key" -> o.key = shared(scalarAsString(p, line, field));
                case "value" -> o.value = value(p, line, 0);
                case "node" -> o.node = shared(string(p, line, field));
                case "error" -> o.error = shared(scalarAsString(p, line, field));
                case "final" -> o.isFinal = bool(p, line, field);
                default -> unknown(p, field);
            }
        });
        ProcessId process = o.process;
        OpType type = o.type;
        String f = o.f;
        Long index = o.index;
        if (process == null) {
            throw error(line, "missing \"process\" (a client number or a name like \"nemesis\")");
        }
        if (type == null) {
            throw error(line, "missing \"type\" (invoke, ok, fail or info)");
        }
        if (f == null || f.isEmpty()) {
            throw error(line, "missing \"f\" (the operation, e.g. \"read\" or \"write\")");
        }
        if (index != null && index != expectedIndex) {
            throw error(line, "\"index\" is " + index + " but " + expectedIndex
                    + " was expected; indices are dense from 0 in file order");
        }
        if (o.intended >= 0 && type != OpType.INVOKE) {
            throw error(line, "\"intended\" is given on a " + type.wire() + "; only an invocation has an intended start (remove it)");
        }
        return new Op(expectedIndex, o.time, process, type, f, o.key, o.value, o.node, o.error, o.isFinal, o.intended);
    }

    private ProcessId process(JsonParser p, long line) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            long n = p.getLongValue();
            if (n < 0) {
                throw error(line, "\"process\" is " + n + "; client processes are numbers >= 0");
            }
            return clients.size() < MAX_SHARED_NAMES ? clients.computeIfAbsent(n, ProcessId::client) : ProcessId.client(n);
        }
        if (t == JsonToken.VALUE_STRING && !p.getText().isEmpty()) {
            return ProcessId.named(p.getText());
        }
        throw error(line, "\"process\" must be a number >= 0 (a client) or a non-empty string (e.g. \"nemesis\")");
    }

    private Object value(JsonParser p, long line, int depth) throws IOException {
        if (depth > MAX_VALUE_DEPTH) {
            throw error(line, "\"value\" is nested deeper than " + MAX_VALUE_DEPTH + " levels");
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p, line, depth + 1));
                }
                return Collections.unmodifiableList(list);
            }
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    map.put(k, value(p, line, depth + 1));
                }
                return Collections.unmodifiableMap(map);
            }
            default:
                throw error(line, "unexpected " + t + " in \"value\"");
        }
    }

    private String shared(String s) {
        if (s == null) {
            return null;
        }
        String known = names.get(s);
        if (known != null) {
            return known;
        }
        if (names.size() < MAX_SHARED_NAMES) {
            names.put(s, s);
        }
        return s;
    }

    private void expectObject(JsonParser p, long line, String what) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            throw error(line, "expected " + what + " as one JSON object {...}, found " + describe(t));
        }
    }

    private void expectEnd(JsonParser p, long line) throws IOException {
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw error(line, "text after the end of the JSON object; one op per line");
        }
    }

    private String string(JsonParser p, long line, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw error(line, "\"" + field + "\" must be a string, not " + describe(t));
        }
        return p.getText();
    }

    private String scalarAsString(JsonParser p, long line, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t.isScalarValue()) {
            return p.getText();
        }
        throw error(line, "\"" + field + "\" must be a string, not " + describe(t));
    }

    private long longValue(JsonParser p, long line, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw error(line, "\"" + field + "\" must be an integer, not " + describe(p.currentToken()));
        }
        return p.getLongValue();
    }

    private boolean bool(JsonParser p, long line, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        throw error(line, "\"" + field + "\" must be true or false, not " + describe(t));
    }

    private List<String> stringList(JsonParser p, long line, String field) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw error(line, "\"" + field + "\" must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(string(p, line, field));
        }
        return out;
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            default -> String.valueOf(t);
        };
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private HistoryFormatException malformed(long line, JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        return error(line, "malformed JSON" + (column > 0 ? " at column " + column : "") + ": "
                + (msg == null ? "cannot parse" : msg.lines().findFirst().orElse(msg)));
    }

    private HistoryFormatException error(long line, String problem) {
        return new HistoryFormatException(source, line, problem);
    }
}
