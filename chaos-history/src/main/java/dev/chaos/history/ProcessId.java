package dev.chaos.history;

/**
 * Who performed an op: a client process (a non-negative integer, as in Jepsen) or a named actor such
 * as {@code "nemesis"}. Client processes obey the invoke/complete pairing rules; named actors do not
 * (the nemesis records its faults as standalone {@code info} events).
 *
 * @param number the client process number, or -1 for a named actor
 * @param name   the actor's name, or null for a client process
 */
public record ProcessId(long number, String name) implements Comparable<ProcessId> {

    public static final ProcessId NEMESIS = new ProcessId(-1, "nemesis");

    public ProcessId {
        if (name == null && number < 0) {
            throw new IllegalArgumentException("client process numbers are >= 0, got " + number);
        }
        if (name != null && (number != -1 || name.isEmpty())) {
            throw new IllegalArgumentException("a named process has number -1 and a non-empty name");
        }
    }

    public static ProcessId client(long number) {
        return new ProcessId(number, null);
    }

    public static ProcessId named(String name) {
        return "nemesis".equals(name) ? NEMESIS : new ProcessId(-1, name);
    }

    public boolean isClient() {
        return name == null;
    }

    @Override
    public int compareTo(ProcessId o) {
        if (isClient() != o.isClient()) {
            return isClient() ? -1 : 1;
        }
        return isClient() ? Long.compare(number, o.number) : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return isClient() ? Long.toString(number) : name;
    }
}
