package dev.chaos.targetfile;

/** A target file that cannot be used: one line naming the file, line, field, what is wrong and the fix. */
public final class TargetFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TargetFileException(String message) {
        super(message);
    }
}
