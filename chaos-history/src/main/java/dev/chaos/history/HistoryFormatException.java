package dev.chaos.history;

/**
 * A history (or any input file) that cannot be read: names the source, the line, the problem and,
 * where there is one, the fix. The CLI prints {@link #getMessage()} as is and exits 254.
 */
public final class HistoryFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String problem;

    /**
     * @param source  the file (or "stdin"), as the user named it
     * @param line    1-based line number, or 0 when the problem is not on one line
     * @param problem what is wrong, and the fix where there is one
     */
    public HistoryFormatException(String source, long line, String problem) {
        super((line > 0 ? source + ":" + line + ": " : source + ": ") + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
