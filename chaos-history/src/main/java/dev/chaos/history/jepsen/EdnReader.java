package dev.chaos.history.jepsen;

import dev.chaos.history.HistoryFormatException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, bounded reader for the EDN that Jepsen writes: nil, booleans, integers, floats, strings,
 * characters, keywords, symbols, vectors, lists, maps, sets, comments, {@code #_} discards and tagged
 * literals (the tag is dropped, the form kept, so {@code #jepsen.history.Op{...}} reads as a map).
 *
 * <p>It builds only plain data: nil becomes null, integers {@link Long} (or {@link BigInteger}),
 * floats {@link Double}, keywords {@link Keyword}, symbols {@link String}, vectors, lists and sets
 * unmodifiable {@link List}s, maps unmodifiable insertion-ordered {@link Map}s. No tag ever selects a
 * class. Each form is bounded in size ({@link #MAX_FORM_CHARS}) and depth.
 */
public final class EdnReader {

    public static final int MAX_FORM_CHARS = 1 << 20;
    private static final int MAX_DEPTH = 64;

    private final Reader in;
    private final String source;
    private int peeked = -2;
    private long line = 1;
    private long formChars;

    public EdnReader(Reader in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The line the reader is on (1-based). */
    public long line() {
        return line;
    }

    /**
     * Skips whitespace, commas and comments, then returns the next character without consuming it, or
     * -1 at end of input.
     */
    public int peekForm() {
        skipSpace();
        return peek();
    }

    /** Consumes one character (after {@link #peekForm()} showed what it is). */
    public void consume() {
        read();
    }

    /** Reads the next form; throws at end of input. */
    public Object readForm() {
        formChars = 0;
        return form(0);
    }

    private Object form(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        skipSpace();
        int c = read();
        switch (c) {
            case -1:
                throw error("unexpected end of input");
            case '[':
                return collection(']', depth);
            case '(':
                return collection(')', depth);
            case '{':
                return map(depth);
            case '"':
                return string();
            case ':':
                return new Keyword(token(read()));
            case '\\':
                return character();
            case '#': {
                int n = peek();
                if (n == '{') {
                    read();
                    return collection('}', depth);
                }
                if (n == '_') {
                    read();
                    form(depth + 1);
                    return form(depth);
                }
                token(read()); // a tag: dropped, its form kept
                return form(depth + 1);
            }
            case ']':
            case ')':
            case '}':
                throw error("unexpected '" + (char) c + "'");
            default:
                return atom(token(c));
        }
    }

    private List<Object> collection(char close, int depth) {
        List<Object> out = new ArrayList<>();
        while (true) {
            skipSpace();
            int c = peek();
            if (c == -1) {
                throw error("unexpected end of input: missing '" + close + "'");
            }
            if (c == close) {
                read();
                return Collections.unmodifiableList(out);
            }
            out.add(form(depth + 1));
        }
    }

    private Map<Object, Object> map(int depth) {
        Map<Object, Object> out = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            int c = peek();
            if (c == -1) {
                throw error("unexpected end of input: missing '}'");
            }
            if (c == '}') {
                read();
                return Collections.unmodifiableMap(out);
            }
            Object k = form(depth + 1);
            skipSpace();
            if (peek() == '}') {
                throw error("map has a key (" + k + ") without a value");
            }
            out.put(k, form(depth + 1));
        }
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = read();
            if (c == -1) {
                throw error("unterminated string");
            }
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                int e = read();
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case 'u' -> {
                        int v = 0;
                        for (int i = 0; i < 4; i++) {
                            int h = Character.digit(read(), 16);
                            if (h < 0) {
                                throw error("bad \\u escape in string");
                            }
                            v = v * 16 + h;
                        }
                        sb.append((char) v);
                    }
                    default -> throw error("bad escape '\\" + (e < 0 ? "" : (char) e) + "' in string");
                }
            } else {
                sb.append((char) c);
            }
        }
    }

    private String character() {
        String t = token(read());
        return switch (t) {
            case "newline" -> "\n";
            case "space" -> " ";
            case "tab" -> "\t";
            case "return" -> "\r";
            default -> t;
        };
    }

    private Object atom(String t) {
        switch (t) {
            case "nil":
                return null;
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                break;
        }
        char c0 = t.charAt(0);
        boolean numeric = Character.isDigit(c0) || ((c0 == '-' || c0 == '+') && t.length() > 1 && Character.isDigit(t.charAt(1)));
        if (!numeric) {
            return t; // a symbol
        }
        try {
            if (t.endsWith("N")) {
                return canonical(new BigInteger(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("M")) {
                return Double.parseDouble(t.substring(0, t.length() - 1));
            }
            if (t.indexOf('.') >= 0 || t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
                return Double.parseDouble(t);
            }
            if (t.indexOf('/') >= 0) {
                String[] parts = t.split("/", 2);
                return Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
            }
            return canonical(new BigInteger(t.startsWith("+") ? t.substring(1) : t));
        } catch (NumberFormatException e) {
            throw error("bad number '" + t + "'");
        }
    }

    private static Object canonical(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    private String token(int first) {
        if (first == -1 || isDelimiter(first)) {
            throw error("expected a name after ':' or '#' or '\\'");
        }
        StringBuilder sb = new StringBuilder();
        sb.append((char) first);
        while (true) {
            int c = peek();
            if (c == -1 || isDelimiter(c)) {
                return sb.toString();
            }
            sb.append((char) read());
            if (sb.length() > 4096) {
                throw error("token longer than 4096 characters");
            }
        }
    }

    private static boolean isDelimiter(int c) {
        return Character.isWhitespace(c) || c == ',' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{'
                || c == '}' || c == '"' || c == ';';
    }

    private void skipSpace() {
        while (true) {
            int c = peek();
            if (c == ';') {
                while (c != -1 && c != '\n') {
                    read();
                    c = peek();
                }
            } else if (c != -1 && (Character.isWhitespace(c) || c == ',')) {
                read();
            } else {
                return;
            }
        }
    }

    private int peek() {
        if (peeked == -2) {
            peeked = rawRead();
        }
        return peeked;
    }

    private int read() {
        int c = peek();
        peeked = -2;
        if (c == '\n') {
            line++;
        }
        if (c != -1 && ++formChars > MAX_FORM_CHARS) {
            throw error("one form is longer than " + MAX_FORM_CHARS + " characters; a Jepsen op is a few hundred");
        }
        if (c == 0) {
            throw error("NUL byte: this is binary data, not EDN");
        }
        return c;
    }

    private int rawRead() {
        try {
            return in.read();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw error("not valid UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    HistoryFormatException error(String problem) {
        return new HistoryFormatException(source, line, problem);
    }
}
