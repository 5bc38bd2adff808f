package dev.chaos.checker;

import dev.chaos.history.History;

/**
 * A pure function of a history (Jepsen's checker): it never touches the network or a cluster, so a
 * history attached to a bug report is checked the same way offline. Implementations must return
 * (never hang, never run out of memory): a budget that runs out gives {@link Verdict#UNKNOWN} with
 * what was proven.
 */
public interface Checker {

    /** The name users select it by, e.g. {@code stats}, {@code linearizable}. */
    String name();

    CheckResult check(History history);

    /**
     * Whether running it by default makes sense for this history (a set checker on a register
     * history does not). Chosen explicitly, a checker runs regardless and says what it lacks.
     */
    default boolean appliesTo(History history) {
        return true;
    }
}
