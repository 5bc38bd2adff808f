package dev.chaos.cli;

/** A mistake the user can fix (bad option value, unreadable file): printed as is, exit 254. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
