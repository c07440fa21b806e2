package io.oidcgateway.cli;

/** The command line or its input is wrong: exit code 2, and a pointer to --help when the command line is. */
final class UsageException extends Exception {
    private final boolean pointToHelp;

    UsageException(String message) {
        this(message, true);
    }

    private UsageException(String message, boolean pointToHelp) {
        super(message, null, false, false);
        this.pointToHelp = pointToHelp;
    }

    /** The command line was right but its input cannot be what it claims to be (too large, nested too deep). */
    static UsageException refusedInput(String message) {
        return new UsageException(message, false);
    }

    boolean pointToHelp() {
        return pointToHelp;
    }
}
