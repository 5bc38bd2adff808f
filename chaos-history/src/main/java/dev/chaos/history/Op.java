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
 */
public record Op(long index, long time, ProcessId process, OpType type, String f, String key, Object value,
                 String node, String error, boolean isFinal) {

    public Op {
        if (process == null || type == null || f == null) {
            throw new IllegalArgumentException("process, type and f are required");
        }
    }

    /** An op not yet placed in a history: index and time are assigned when it is recorded. */
    public static Op of(ProcessId process, OpType type, String f, String key, Object value) {
        return new Op(-1, -1, process, type, f, key, value, null, null, false);
    }

    public Op withIndexAndTime(long newIndex, long newTime) {
        return new Op(newIndex, newTime, process, type, f, key, value, node, error, isFinal);
    }

    public Op withIndex(long newIndex) {
        return new Op(newIndex, time, process, type, f, key, value, node, error, isFinal);
    }

    public Op withValue(Object newValue) {
        return new Op(index, time, process, type, f, key, newValue, node, error, isFinal);
    }

    public Op withNode(String newNode) {
        return new Op(index, time, process, type, f, key, value, newNode, error, isFinal);
    }

    public Op withError(String newError) {
        return new Op(index, time, process, type, f, key, value, node, newError, isFinal);
    }

    public Op asFinal() {
        return new Op(index, time, process, type, f, key, value, node, error, true);
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
