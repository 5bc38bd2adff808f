package dev.chaos.history.io;

import dev.chaos.history.History;
import java.util.List;

/**
 * A history as read from a file, with what the reader noticed but accepted.
 *
 * @param history  the ops, validated
 * @param format   the format the file was in
 * @param warnings things the user should know (a truncated last line, unknown fields), each naming
 *                 its line
 */
public record LoadedHistory(History history, HistoryFileFormat format, List<String> warnings) {

    public LoadedHistory {
        warnings = List.copyOf(warnings);
    }
}
