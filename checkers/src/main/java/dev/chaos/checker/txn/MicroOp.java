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
 */
public record MicroOp(String f, String key, Object value) {

    public boolean isRead() {
        return f.equals("r");
    }

    public boolean isWrite() {
        return !f.equals("r");
    }
}
