package dev.chaos.proxy.toxic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A toxic's wire description: its Toxiproxy type name, its attribute names (in the order error
 * messages list them), and how a full attribute map becomes the toxic's record. Every attribute is
 * a non-negative integer that defaults to 0, as in Toxiproxy 2.x.
 *
 * @param <T> the toxic: its attributes as a record, and what it does to the bytes
 */
public final class ToxicKind<T extends Record & ToxicPipe> {

    private final String name;
    private final Map<String, Long> defaults;
    private final Function<Map<String, Long>, T> parser;

    private ToxicKind(String name, Map<String, Long> defaults, Function<Map<String, Long>, T> parser) {
        this.name = name;
        this.defaults = defaults;
        this.parser = parser;
    }

    /**
     * @param name       the wire name, e.g. {@code latency}
     * @param parser     the record from a map holding every attribute
     * @param attributes the attribute names as they appear in JSON
     */
    public static <T extends Record & ToxicPipe> ToxicKind<T> of(String name, Function<Map<String, Long>, T> parser,
            String... attributes) {
        Map<String, Long> defaults = new LinkedHashMap<>();
        for (String a : attributes) {
            defaults.put(a, 0L);
        }
        ToxicKind<T> kind = new ToxicKind<>(name, Collections.unmodifiableMap(defaults), parser);
        try {
            kind.parse(kind.defaults); // a parser that reads an undeclared attribute fails here, at class load
        } catch (RuntimeException e) {
            throw new IllegalStateException("toxic " + name + ": its parser does not match its attributes " + defaults.keySet(), e);
        }
        return kind;
    }

    public String name() {
        return name;
    }

    /** The attribute names in order, each with its default. */
    public Map<String, Long> defaults() {
        return defaults;
    }

    /** The toxic from its attributes: every one of {@link #defaults()}'s names present, each {@code >= 0}. */
    public T parse(Map<String, Long> attributes) {
        return parser.apply(attributes);
    }
}
