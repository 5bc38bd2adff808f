package dev.chaos.history.jepsen;

/** An EDN keyword such as {@code :invoke}, kept apart from strings while a Jepsen file is read. */
public record Keyword(String name) {

    @Override
    public String toString() {
        return ":" + name;
    }
}
