package dev.chaos.history;

/**
 * A client operation as a whole: its invocation and its completion, paired by process.
 *
 * <p>A call whose completion is {@code info}, or which has no completion at all (the history ended
 * first), is <em>indeterminate</em>: it may have taken effect at any time after its invocation, or
 * never. A call completed with {@code fail} definitely did not take effect.
 *
 * @param invoke     the invocation
 * @param completion the completion, or null when the history ended before one was recorded
 */
public record Call(Op invoke, Op completion) {

    public Call {
        if (invoke == null || !invoke.isInvoke()) {
            throw new IllegalArgumentException("a call starts with an invoke");
        }
    }

    public boolean isOk() {
        return completion != null && completion.isOk();
    }

    public boolean isFail() {
        return completion != null && completion.isFail();
    }

    public boolean isIndeterminate() {
        return completion == null || completion.isInfo();
    }

    public ProcessId process() {
        return invoke.process();
    }

    public String f() {
        return invoke.f();
    }

    public String key() {
        return invoke.key();
    }

    /** Index of the completion, or {@link Long#MAX_VALUE} when there is none (it stays open forever). */
    public long completionIndex() {
        return completion == null ? Long.MAX_VALUE : completion.index();
    }

    /**
     * Service time in nanoseconds: from the invocation to the completion, what the system took once
     * a client asked; -1 when unknown (no completion, or the source had no times).
     */
    public long latencyNanos() {
        if (completion == null || invoke.time() < 0 || completion.time() < 0) {
            return -1;
        }
        return completion.time() - invoke.time();
    }

    /**
     * Response time in nanoseconds: from the invocation's intended start (its slot in the run's rate
     * schedule) to the completion, what a user sending at the run's rate would have waited, queueing
     * for a free client included (corrected for coordinated omission). The service time when the
     * invocation has no intended start; -1 when unknown.
     */
    public long responseNanos() {
        long service = latencyNanos();
        if (service < 0 || invoke.intended() < 0 || invoke.intended() > invoke.time()) {
            return service;
        }
        return completion.time() - invoke.intended();
    }

    /** When the call was meant to start: its intended start, or its invocation's time when it has none. */
    public long startTime() {
        return invoke.intended() >= 0 ? invoke.intended() : invoke.time();
    }
}
