package dev.chaos.run;

import java.util.Random;

/**
 * The fault injector for one fault kind. {@link #start} begins a fault and {@link #stop} ends it;
 * each returns what it did ({@code f} like {@code partition}, and a value like the grudge or the node
 * set) for the history. A fault that grows while held (cascading node loss) does one more step per
 * {@link #advance}. {@link #healAll} undoes everything and must be safe to call at any time, more
 * than once (aborts, Ctrl-C).
 */
public interface Nemesis {

    /** What one start or stop did: the history records {@code start-<fault>} / {@code stop-<fault>} with the value. */
    record Event(String fault, Object value) {
    }

    String name();

    Event start(Random random) throws Exception;

    Event stop() throws Exception;

    /**
     * One more step of a growing fault, recorded as {@code step-<fault>} with the value (e.g. every
     * node lost so far); null when the fault does not grow or has grown all it will.
     */
    default Event advance(Random random) throws Exception {
        return null;
    }

    /**
     * What the held fault did so far, measured just before its stop and recorded as
     * {@code effect-<fault>}: the proof that it took effect (e.g. per cut link, the bytes forwarded
     * and dropped while held); null when the fault measures nothing.
     */
    default Event effect() {
        return null;
    }

    void healAll();
}
