package dev.chaos.run;

import dev.chaos.history.Op;
import java.util.function.Consumer;

/**
 * Something that watches the system from outside while the run goes (the run's Prometheus and its
 * alerts) and records what it saw into the history, as ops of a named actor. Begun when the
 * clients start (time 0 of the history), ended after the final reads, also on an abort, before the
 * history closes.
 */
public interface Monitor {

    /** Starts watching; {@code record} appends an op to the history (index and time assigned there). */
    void begin(Consumer<Op> record);

    /** Stops watching and records its last op; safe to call more than once. */
    void end();
}
