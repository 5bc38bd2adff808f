package dev.chaos.run;

/** The process exit codes every chaos command uses (DESIGN.md, "The run"). */
public final class ExitCodes {

    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int UNKNOWN = 2;
    /** Bad usage, or input that cannot be read: the message names the file, line or option and the fix. */
    public static final int USAGE = 254;
    /** Setup failed (a cluster did not start) or a bug in chaos. */
    public static final int INTERNAL = 255;

    private ExitCodes() {
    }
}
