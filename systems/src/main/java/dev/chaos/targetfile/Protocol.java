package dev.chaos.targetfile;

/** How a target file's client talks to a node: the key under {@code clients.<workload>} that holds its operations. */
public enum Protocol {
    /** An HTTP request per operation, JSON replies. */
    HTTP("http"),
    /** A command run on this machine per operation. */
    COMMAND("command"),
    /** A Redis-protocol command per operation, over one connection per client process. */
    RESP("resp"),
    /** An SQL statement per operation, over one JDBC connection per client process. */
    JDBC("jdbc");

    private final String key;

    Protocol(String key) {
        this.key = key;
    }

    /** Its key in a target file. */
    public String key() {
        return key;
    }
}
