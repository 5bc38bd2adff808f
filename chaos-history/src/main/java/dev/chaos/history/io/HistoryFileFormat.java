package dev.chaos.history.io;

/** The file formats chaos reads. */
public enum HistoryFileFormat {
    /** chaos' own {@code history.jsonl}, version 1. */
    CHAOS_JSONL("chaos-history/1 JSON lines"),
    /** Jepsen's {@code history.edn}: a vector of op maps, or one op map per line. */
    JEPSEN_EDN("Jepsen EDN history"),
    /** Jepsen's log lines: {@code INFO  jepsen.util - 3 :invoke :read nil}. */
    JEPSEN_LOG("Jepsen log lines");

    private final String description;

    HistoryFileFormat(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
