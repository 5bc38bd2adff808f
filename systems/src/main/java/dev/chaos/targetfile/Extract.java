package dev.chaos.targetfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chaos.history.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an op's result is read from a JSON reply. Without {@code item}: the value at {@code pointer}
 * is one number (a register; absent: null). With {@code item}: {@code pointer} holds an array (absent:
 * empty), and each element's value at {@code item} is one number (a set's elements, sorted); for a
 * command, without {@code pointer}: each line of its output is one element. Each
 * value is decoded first ({@code base64} or none), then, with {@code match}, the regex's first group
 * is the number (etcd keys {@code s0/e17} → 17).
 */
public record Extract(String pointer, String item, String decode, Pattern match, String key) {

    /**
     * With {@code key} (registers' convergence probe): each element of the array at {@code pointer}
     * is one register, named by its value at {@code key} (decoded like the value), holding the
     * number at {@code item}: a map of register to value.
     */
    private Object registers(JsonNode at) {
        java.util.Map<String, Object> out = new java.util.TreeMap<>();
        if (at.isMissingNode() || at.isNull()) {
            return out;
        }
        if (!at.isArray()) {
            throw new IllegalStateException("the reply's " + pointer + " is not an array: " + abbreviate(at.toString()));
        }
        for (JsonNode e : at) {
            String name = e.at(key).asText();
            if ("base64".equals(decode)) {
                name = new String(Base64.getDecoder().decode(name), StandardCharsets.UTF_8);
            }
            JsonNode v = e.at(item);
            out.put(name, v.isMissingNode() || v.isNull() ? null : number(v));
        }
        return out;
    }

    /** A command's result from its standard output: JSON at {@code pointer}, or (pointer null) one element per non-empty line. */
    public Object fromOutput(String stdout) throws java.io.IOException {
        if (pointer != null) {
            return from(new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout));
        }
        List<Long> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (!line.isBlank()) {
                Long n = number(new com.fasterxml.jackson.databind.node.TextNode(line.strip()));
                if (n != null) {
                    out.add(n);
                }
            }
        }
        out.sort(null);
        return Values.list(out.toArray());
    }

    /** The result, or an exception saying what in the reply did not fit. */
    public Object from(JsonNode reply) {
        JsonNode at = reply.at(pointer);
        if (key != null) {
            return registers(at);
        }
        if (item == null) {
            return at.isMissingNode() || at.isNull() ? null : number(at);
        }
        if (at.isMissingNode() || at.isNull()) {
            return Values.list();
        }
        if (!at.isArray()) {
            throw new IllegalStateException("the reply's " + pointer + " is not an array: " + abbreviate(at.toString()));
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode e : at) {
            JsonNode v = e.at(item);
            if (v.isMissingNode() || v.isNull()) {
                throw new IllegalStateException("an element of " + pointer + " has no " + item + ": " + abbreviate(e.toString()));
            }
            Long n = number(v);
            if (n != null) {
                out.add(n);
            }
        }
        out.sort(null);
        return Values.list(out.toArray());
    }

    /** The number a value holds; null when {@code match} does not match it (a key of something else). */
    private Long number(JsonNode v) {
        String s = v.asText();
        if ("base64".equals(decode)) {
            s = new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        }
        if (match != null) {
            Matcher m = match.matcher(s);
            if (!m.find()) {
                return null;
            }
            s = m.group(1);
        }
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("'" + abbreviate(s) + "' (at " + (item != null ? item : pointer) + ") is not a number");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
