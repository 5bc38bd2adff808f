package dev.chaos.checker.linear;

import java.util.Set;

/**
 * A sequential specification: plain data plus a step function, nothing to subclass. States must be
 * immutable values with cheap {@code equals}/{@code hashCode}: the search memoises on them.
 */
public interface Model {

    /** Returned by {@link #step} when the operation cannot have happened in that state. */
    Object IMPOSSIBLE = new Object() {
        @Override
        public String toString() {
            return "impossible";
        }
    };

    /** The name users select it by ({@code --model}). */
    String name();

    /** The functions it understands; a history using others is rejected with a clear message. */
    Set<String> functions();

    /** The state before any operation (e.g. an absent register). */
    Object init();

    /**
     * The state after {@code op} takes effect in {@code state}, or {@link #IMPOSSIBLE}. When
     * {@code op.known()} is false the result is unknown and must not be checked.
     */
    Object step(Object state, Operation op);

    /** Whether an operation carries no information when its result is unknown (a read that timed out). */
    default boolean isPureRead(String f) {
        return f.equals("read") || f.equals("get");
    }

    /** The state as a person reads it. */
    default String describe(Object state) {
        return String.valueOf(state);
    }
}
