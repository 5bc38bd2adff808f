package dev.chaos.targetfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RESP2, the Redis protocol, as a target file's RESP client needs it: a command is an array of bulk
 * strings; a reply becomes JSON, so {@code ok-when} and {@code result} read it as they read an HTTP
 * reply: a simple or bulk string is a string, an integer a number, an array an array, nil null; an
 * error reply is returned apart ({@link Reply#error}), since it decides the outcome.
 *
 * <p>Reads are bounded, because a node under faults may send anything: a line of at most
 * {@link #MAX_LINE} bytes, a bulk string of at most {@link #MAX_BULK}, at most {@link #MAX_ELEMENTS}
 * values in one reply, nested at most {@link #MAX_DEPTH} deep. Past a bound, or on bytes that are not
 * RESP, the read throws: the connection cannot be trusted for another command.
 */
final class Resp {

    static final int MAX_LINE = 64 * 1024;
    static final int MAX_BULK = 16 << 20;
    static final int MAX_ELEMENTS = 1 << 20;
    static final int MAX_DEPTH = 8;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One reply: {@code error} (the text after '-', e.g. {@code READONLY You can't write against a read only replica.}) or a value. */
    record Reply(JsonNode value, String error) {

        /** The error's first word, Redis' error code by convention ({@code READONLY}, {@code NOREPLICAS}, {@code ERR}). */
        String errorCode() {
            int sp = error.indexOf(' ');
            return sp < 0 ? error : error.substring(0, sp);
        }
    }

    private Resp() {
    }

    /** The command as RESP: an array of bulk strings, each argument UTF-8. */
    static byte[] encode(List<String> args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        b.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String a : args) {
            byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
            b.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(bytes);
            b.writeBytes(new byte[] {'\r', '\n'});
        }
        return b.toByteArray();
    }

    /** Reads exactly one reply from {@code in} (buffer it: this reads byte by byte). */
    static Reply read(InputStream in) throws IOException {
        int[] budget = {MAX_ELEMENTS};
        int type = in.read();
        if (type == '-') {
            return new Reply(null, line(in));
        }
        return new Reply(value(in, type, 0, budget), null);
    }

    private static JsonNode value(InputStream in, int type, int depth, int[] budget) throws IOException {
        if (--budget[0] < 0) {
            throw new IOException("not RESP within bounds: a reply of more than " + MAX_ELEMENTS + " values");
        }
        switch (type) {
            case -1:
                throw new IOException("connection closed by the node");
            case '+':
                return NODES.textNode(line(in));
            case '-': // an error inside an array (EXEC's): its text, the array read to its end
                return NODES.textNode("-" + line(in));
            case ':':
                return NODES.numberNode(number(line(in)));
            case '$': {
                long n = number(line(in));
                if (n < 0) {
                    return NODES.nullNode();
                }
                if (n > MAX_BULK) {
                    throw new IOException("not RESP within bounds: a bulk string of " + n + " bytes (at most " + MAX_BULK + ")");
                }
                byte[] data = in.readNBytes((int) n);
                if (data.length < n || in.read() != '\r' || in.read() != '\n') {
                    throw new IOException("not RESP: a bulk string of " + n + " bytes ends early or without CRLF");
                }
                return NODES.textNode(new String(data, StandardCharsets.UTF_8));
            }
            case '*': {
                long n = number(line(in));
                if (n < 0) {
                    return NODES.nullNode();
                }
                if (depth >= MAX_DEPTH) {
                    throw new IOException("not RESP within bounds: arrays nested deeper than " + MAX_DEPTH);
                }
                if (n > budget[0]) {
                    throw new IOException("not RESP within bounds: an array of " + n + " values (at most " + MAX_ELEMENTS + " in a reply)");
                }
                ArrayNode a = NODES.arrayNode((int) n);
                for (long i = 0; i < n; i++) {
                    a.add(value(in, in.read(), depth + 1, budget));
                }
                return a;
            }
            default:
                throw new IOException("not RESP: a reply starts with byte " + type + (type >= 32 && type < 127 ? " ('" + (char) type + "')" : ""));
        }
    }

    private static long number(String s) throws IOException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException("not RESP: '" + FileClient.abbreviate(s) + "' where a number belongs");
        }
    }

    /** One line up to CRLF, without it. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(32);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed by the node in the middle of a reply");
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("not RESP: CR without LF");
                }
                return b.toString(StandardCharsets.UTF_8);
            }
            if (b.size() >= MAX_LINE) {
                throw new IOException("not RESP within bounds: a line longer than " + MAX_LINE + " bytes");
            }
            b.write(c);
        }
    }
}
