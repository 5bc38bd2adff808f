package dev.chaos.history;

/**
 * One event of a history: an invocation or a completion.
 *
 * <p>Values are plain data, as JSON has them: {@code null}, {@link Boolean}, {@link Long} (every
 * integer; {@link java.math.BigInteger} only beyond 64 bits), {@link Double}, {@link String},
 * unmodifiable {@link java.util.List} and unmodifiable insertion-ordered {@link java.util.Map} with
 * String keys. {@link Values} builds and compares them. No value is ever deserialised into a class
 * named by the input.
 *
 * @param index   position in the history, dense from 0
 * @param time    nanoseconds since the run started, monotonic; -1 when the source had no times
 * @param process who performed it
 * @param type    invoke, ok, fail or info
 * @param f       the operation's function: {@code read}, {@code write}, {@code cas}, {@code add}, ...
 * @param key     the key it addresses, or null for single-object workloads
 * @param value   the argument (on invoke) or the result (on completion)
 * @param node    the node the client talked to, or null
 * @param error   why it failed or is indeterminate, or null
 * @param isFinal true for the reads taken after the final heal (the convergence probe)
 * @param intended on an invocation: nanoseconds since the run started at which it was meant to start
 *                (its slot in the run's rate schedule), so latency can be measured from when a user
 *                would have sent it, not only from when a free client got to it; -1 when unknown
 */
public record Op(long index, long time, ProcessId process, OpType type, String f, String key, Object value,
                 String node, String error, boolean isFinal, long intended) {

    public Op {
        if (process == null || type == null || f == null) {
            throw new IllegalArgumentException("process, type and f are required");
        }
        if (intended >= 0 && type != OpType.INVOKE) {
            throw new IllegalArgumentException("only an invocation has an intended start");
        }
    }

    /** An op with no intended start (every completion, and invocations not made on a schedule). */
    public Op(long index, long time, ProcessId process, OpType type, String f, String key, Object value,
              String node, String error, boolean isFinal) {
        this(index, time, process, type, f, key, value, node, error, isFinal, -1);
    }

    /** An op not yet placed in a history: index and time are assigned when it is recorded. */
    public static Op of(ProcessId process, OpType type, String f, String key, Object value) {
        return new Op(-1, -1, process, type, f, key, value, null, null, false);
    }

    public Op withIndexAndTime(long newIndex, long newTime) {
        return new Op(newIndex, newTime, process, type, f, key, value, node, error, isFinal, intended);
    }

    public Op withIndex(long newIndex) {
        return new Op(newIndex, time, process, type, f, key, value, node, error, isFinal, intended);
    }

    public Op withValue(Object newValue) {
        return new Op(index, time, process, type, f, key, newValue, node, error, isFinal, intended);
    }

    public Op withNode(String newNode) {
        return new Op(index, time, process, type, f, key, value, newNode, error, isFinal, intended);
    }

    public Op withError(String newError) {
        return new Op(index, time, process, type, f, key, value, node, newError, isFinal, intended);
    }

    /** This invocation, meant to start at {@code nanosSinceStart} (its rate slot). */
    public Op withIntended(long nanosSinceStart) {
        return new Op(index, time, process, type, f, key, value, node, error, isFinal, nanosSinceStart);
    }

    public Op asFinal() {
        return new Op(index, time, process, type, f, key, value, node, error, true, intended);
    }

    public boolean isInvoke() {
        return type == OpType.INVOKE;
    }

    public boolean isOk() {
        return type == OpType.OK;
    }

    public boolean isFail() {
        return type == OpType.FAIL;
    }

    public boolean isInfo() {
        return type == OpType.INFO;
    }

    public boolean isClient() {
        return process.isClient();
    }
}
