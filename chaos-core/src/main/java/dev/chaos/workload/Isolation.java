package dev.chaos.workload;

import java.util.Arrays;
import java.util.List;

/**
 * The isolation level a transactional workload's clients ask the database for (the scenario's
 * {@code isolation}). The names are the SQL standard's levels, written as scenario files write them;
 * what each one allows is the database's (PostgreSQL's repeatable read is snapshot isolation).
 */
public enum Isolation {
    SERIALIZABLE("serializable", "SERIALIZABLE"),
    REPEATABLE_READ("repeatable-read", "REPEATABLE READ"),
    READ_COMMITTED("read-committed", "READ COMMITTED");

    private final String id;
    private final String sql;

    Isolation(String id, String sql) {
        this.id = id;
        this.sql = sql;
    }

    /** As scenario files write it, e.g. {@code repeatable-read}. */
    public String id() {
        return id;
    }

    /** As SQL writes it, e.g. {@code REPEATABLE READ}. */
    public String sql() {
        return sql;
    }

    /** The level named {@code id}, or null. */
    public static Isolation of(String id) {
        return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst().orElse(null);
    }

    /** Every name, strongest first, for messages. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Isolation::id).toList();
    }
}
