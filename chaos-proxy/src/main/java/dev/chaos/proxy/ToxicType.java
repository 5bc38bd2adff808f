package dev.chaos.proxy;

import dev.chaos.proxy.toxic.Bandwidth;
import dev.chaos.proxy.toxic.Latency;
import dev.chaos.proxy.toxic.LimitData;
import dev.chaos.proxy.toxic.ResetPeer;
import dev.chaos.proxy.toxic.Slicer;
import dev.chaos.proxy.toxic.SlowClose;
import dev.chaos.proxy.toxic.Timeout;
import dev.chaos.proxy.toxic.ToxicKind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The toxics this server knows, registered by their Toxiproxy 2.x wire names: the one registry.
 * Each toxic is one class in {@code dev.chaos.proxy.toxic} (its attributes as a record, and what it
 * does to the bytes of one direction); adding a toxic is that class and one line here.
 */
public enum ToxicType {
    LATENCY(Latency.KIND),
    BANDWIDTH(Bandwidth.KIND),
    SLOW_CLOSE(SlowClose.KIND),
    TIMEOUT(Timeout.KIND),
    RESET_PEER(ResetPeer.KIND),
    SLICER(Slicer.KIND),
    LIMIT_DATA(LimitData.KIND);

    private static final Map<String, ToxicType> BY_WIRE = new HashMap<>();

    static {
        for (ToxicType t : values()) {
            BY_WIRE.put(t.wire(), t);
        }
    }

    private final ToxicKind<?> kind;

    ToxicType(ToxicKind<?> kind) {
        this.kind = kind;
    }

    public String wire() {
        return kind.name();
    }

    /** Attribute names in order, with their defaults. */
    public Map<String, Long> defaults() {
        return kind.defaults();
    }

    ToxicKind<?> kind() {
        return kind;
    }

    /** The toxic type with this wire name, or null. */
    public static ToxicType fromWire(String s) {
        return BY_WIRE.get(s);
    }

    /** Every wire name, in registration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ToxicType::wire).toList();
    }
}
