package dev.chaos.report;

import dev.chaos.history.History;
import dev.chaos.history.Op;

/**
 * The report's horizontal axis: milliseconds since the run started when every op has a time, else
 * the history index (Jepsen logs carry no times; index order is real-time order either way).
 *
 * @param timed whether x is time
 * @param unit  {@code ms} or {@code op index}
 * @param max   the largest x of any op
 */
record Axis(boolean timed, String unit, double max) {

    static Axis of(History history) {
        boolean timed = !history.ops().isEmpty();
        long last = 0;
        for (Op op : history.ops()) {
            if (op.time() < 0) {
                timed = false;
                break;
            }
            last = Math.max(last, op.time());
        }
        return timed ? new Axis(true, "ms", ms(last)) : new Axis(false, "op index", Math.max(0, history.size() - 1));
    }

    double x(Op op) {
        return timed ? ms(op.time()) : op.index();
    }

    /** Nanoseconds as milliseconds, rounded to the microsecond (enough to draw, and shorter JSON). */
    static double ms(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }
}
