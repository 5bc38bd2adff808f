package dev.chaos.proxy.toxic;

/**
 * What one toxic does to one direction of one connection. The proxy calls these hooks only on
 * connections the toxic applies to (its toxicity is drawn by the proxy, not here), and only while
 * the toxic is on the proxy. Every hook does nothing unless the toxic overrides it.
 */
public interface ToxicPipe {

    /**
     * A chunk read from one side, before it is written to the other. The toxic may delay it (the
     * stream goes on), hold it (sleep: the stream waits too), drop it, cut it short or choose how it
     * is written; the toxics of a direction see a chunk in the order they were added, and none
     * after one that dropped it.
     */
    default void onChunk(Chunk chunk) throws InterruptedException {
    }

    /** The direction reached its end of stream; returns when the half-close may be passed on. */
    default void onEnd() throws InterruptedException {
    }

    /** When the toxic ends the connection on its own clock, whatever the data does; null if it never does. */
    default Deadline deadline() {
        return null;
    }

    /**
     * The connection ends {@code millis} after the toxic starts on it (when the connection opens, or
     * when the toxic is added to a proxy with open connections), if the toxic is still there then.
     *
     * @param millis how long after the start
     * @param reset  with a TCP reset (RST) rather than an orderly close
     */
    record Deadline(long millis, boolean reset) {

        public static Deadline closeAfter(long millis) {
            return new Deadline(millis, false);
        }

        public static Deadline resetAfter(long millis) {
            return new Deadline(millis, true);
        }
    }
}
