package dev.chaos.proxy;

import dev.chaos.proxy.toxic.ToxicPipe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A toxic as Toxiproxy describes it: a named fault of one type on one direction of a proxy.
 *
 * @param name       unique within the proxy; Toxiproxy's default is {@code <type>_<stream>}
 * @param type       what it does (its behaviour is that type's class in {@code dev.chaos.proxy.toxic})
 * @param stream     which direction it acts on
 * @param toxicity   probability, decided once per connection, that it applies to that connection
 * @param attributes the type's attributes (every one present, defaults filled in)
 */
public record Toxic(String name, ToxicType type, Direction stream, double toxicity, Map<String, Long> attributes) {

    public Toxic {
        if (toxicity < 0 || toxicity > 1 || Double.isNaN(toxicity)) {
            throw new IllegalArgumentException("toxicity must be between 0 and 1, got " + toxicity);
        }
        Objects.requireNonNull(type, () -> "toxic type missing; one of " + ToxicType.names());
        Map<String, Long> full = new LinkedHashMap<>(type.defaults());
        for (Map.Entry<String, Long> e : attributes.entrySet()) {
            if (!full.containsKey(e.getKey())) {
                throw new IllegalArgumentException("toxic type " + type.wire() + " has no attribute '" + e.getKey()
                        + "'; it has " + type.defaults().keySet());
            }
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("attribute '" + e.getKey() + "' must be an integer >= 0");
            }
            full.put(e.getKey(), e.getValue());
        }
        attributes = Map.copyOf(full);
        if (name == null || name.isEmpty()) {
            name = type.wire() + "_" + stream.wire();
        }
    }

    public long attr(String attribute) {
        return attributes.get(attribute);
    }

    /** What it does to the bytes of its stream: its type's record, from its attributes. */
    ToxicPipe pipe() {
        return type.kind().parse(attributes);
    }

    /** The black hole of a partition: all data dropped, the connection held open. */
    public static Toxic blackHole(Direction stream) {
        return new Toxic("chaos_blackhole_" + stream.wire(), ToxicType.TIMEOUT, stream, 1.0, Map.of("timeout", 0L));
    }
}
