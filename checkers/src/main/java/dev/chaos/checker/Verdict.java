package dev.chaos.checker;

import java.util.Collection;

/** A checker's answer. The run's verdict is the worst of its checkers': invalid, then unknown, then valid. */
public enum Verdict {
    VALID, INVALID, UNKNOWN;

    /** As results.json writes it, Jepsen-style: {@code true}, {@code false} or {@code "unknown"}. */
    public Object json() {
        return switch (this) {
            case VALID -> Boolean.TRUE;
            case INVALID -> Boolean.FALSE;
            case UNKNOWN -> "unknown";
        };
    }

    /** The process exit code for this verdict: 0 valid, 1 invalid, 2 unknown. */
    public int exitCode() {
        return switch (this) {
            case VALID -> 0;
            case INVALID -> 1;
            case UNKNOWN -> 2;
        };
    }

    public static Verdict combine(Collection<Verdict> verdicts) {
        if (verdicts.contains(INVALID)) {
            return INVALID;
        }
        return verdicts.contains(UNKNOWN) ? UNKNOWN : VALID;
    }
}
