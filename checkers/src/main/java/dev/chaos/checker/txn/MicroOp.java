package dev.chaos.checker.txn;

/**
 * One step of a transaction, as the history writes it: {@code ["append", k, v]}, {@code ["r", k, v]}
 * or {@code ["w", k, v]}. Keys are compared as text, so a Jepsen key {@code 1} and a chaos key
 * {@code "1"} are the same key.
 *
 * @param f     {@code append}, {@code r} or {@code w}
 * @param key   the key, as text
 * @param value the appended or written value; for a read, what it returned (a list for list-append,
 *              a value or null for rw-register), or null when the invocation did not know yet
 * @param kind  {@link #APPEND}, {@link #READ} or {@link #WRITE}, as {@code f} says
 */
public record MicroOp(String f, String key, Object value, int kind) {

    public static final int APPEND = 0;
    public static final int READ = 1;
    public static final int WRITE = 2;

    /** With {@code kind} from {@code f}, so checkers compare small ints, not strings, per micro-op. */
    public static MicroOp of(String f, String key, Object value) {
        int kind = switch (f) {
            case "append" -> APPEND;
            case "r" -> READ;
            case "w" -> WRITE;
            default -> throw new IllegalArgumentException("not a micro-op: " + f);
        };
        return new MicroOp(f, key, value, kind);
    }

    public boolean isRead() {
        return kind == READ;
    }

    public boolean isAppend() {
        return kind == APPEND;
    }

    public boolean isWrite() {
        return kind == WRITE;
    }
}
