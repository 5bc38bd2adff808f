package dev.chaos.history;

import java.util.Locale;

/**
 * The four kinds of history event, with Jepsen's meaning.
 *
 * <p>An {@code invoke} is followed by exactly one completion from the same process: {@code ok} (it
 * definitely happened), {@code fail} (it definitely did not) or {@code info} (unknown: a timeout or a
 * lost connection; the operation may take effect at any later time, or never, and the process is
 * retired).
 */
public enum OpType {
    INVOKE, OK, FAIL, INFO;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The name used in history files: {@code invoke}, {@code ok}, {@code fail}, {@code info}. */
    public String wire() {
        return wire;
    }

    public boolean isCompletion() {
        return this != INVOKE;
    }

    /** Parses a wire name; returns null when it is not one of the four. */
    public static OpType fromWire(String s) {
        return switch (s) {
            case "invoke" -> INVOKE;
            case "ok" -> OK;
            case "fail" -> FAIL;
            case "info" -> INFO;
            default -> null;
        };
    }
}
