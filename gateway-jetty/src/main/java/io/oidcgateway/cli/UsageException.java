package io.oidcgateway.cli;

/** The command line itself is wrong: exit code 2 and a pointer to --help. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
