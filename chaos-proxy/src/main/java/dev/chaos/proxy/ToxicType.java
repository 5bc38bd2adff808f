package dev.chaos.proxy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The toxics Toxiproxy 2.x defines, with their attributes and defaults. Every attribute is a
 * non-negative integer, as in Toxiproxy.
 */
public enum ToxicType {
    /** Delays each chunk by {@code latency} ms ± {@code jitter} ms. */
    LATENCY("latency", "latency", 0, "jitter", 0),
    /** Limits throughput to {@code rate} KB/s. */
    BANDWIDTH("bandwidth", "rate", 0),
    /** Delays the close of the connection by {@code delay} ms. */
    SLOW_CLOSE("slow_close", "delay", 0),
    /** Drops all data; closes after {@code timeout} ms, or never when 0 (a black hole). */
    TIMEOUT("timeout", "timeout", 0),
    /** Resets the connection (TCP RST) after {@code timeout} ms. */
    RESET_PEER("reset_peer", "timeout", 0),
    /** Splits data into pieces of {@code average_size} ± {@code size_variation} bytes, {@code delay} µs apart. */
    SLICER("slicer", "average_size", 0, "size_variation", 0, "delay", 0),
    /** Closes the connection once {@code bytes} bytes have passed. */
    LIMIT_DATA("limit_data", "bytes", 0);

    private final String wire;
    private final Map<String, Long> defaults = new LinkedHashMap<>();

    ToxicType(String wire, Object... attributes) {
        this.wire = wire;
        for (int i = 0; i < attributes.length; i += 2) {
            defaults.put((String) attributes[i], ((Integer) attributes[i + 1]).longValue());
        }
    }

    public String wire() {
        return wire;
    }

    /** Attribute names in order, with their defaults. */
    public Map<String, Long> defaults() {
        return defaults;
    }

    public static ToxicType fromWire(String s) {
        for (ToxicType t : values()) {
            if (t.wire.equals(s)) {
                return t;
            }
        }
        return null;
    }
}
