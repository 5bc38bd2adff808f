package dev.chaos.history;

import java.util.List;

/**
 * Line 1 of a {@code history.jsonl}: what produced the history. Every field but {@code format} may be
 * null (an imported Jepsen history knows none of them).
 *
 * @param format   always {@link #FORMAT_V1} for this version
 * @param scenario the scenario name, e.g. {@code clean-split}
 * @param target   the system under test, e.g. {@code zookeeper}
 * @param nodes    node names, in order
 * @param seed     the seed of every random choice of the run, or null
 * @param started  ISO-8601 UTC instant the run started (time 0 of every op)
 * @param tool     the writer, e.g. {@code chaos 0.1.0}, or where the history was imported from
 * @param rate     the client ops/s the run asked for (its rate schedule), or null
 * @param concurrency how many clients the run had, or null
 */
public record HistoryHeader(String format, String scenario, String target, List<String> nodes, Long seed,
                            String started, String tool, Double rate, Integer concurrency) {

    /** A header that says nothing of the load. */
    public HistoryHeader(String format, String scenario, String target, List<String> nodes, Long seed, String started,
                         String tool) {
        this(format, scenario, target, nodes, seed, started, tool, null, null);
    }

    public static final String FORMAT_V1 = "chaos-history/1";
    /** The prefix shared by every version of the format; a reader of v1 names a newer version it meets. */
    public static final String FORMAT_PREFIX = "chaos-history/";

    public HistoryHeader {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** A header for a history that came from elsewhere (an import), naming where. */
    public static HistoryHeader imported(String from) {
        return new HistoryHeader(FORMAT_V1, null, null, List.of(), null, null, from);
    }
}
