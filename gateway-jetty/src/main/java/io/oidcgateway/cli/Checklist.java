package io.oidcgateway.cli;

import java.io.PrintStream;

/** One line per check, ok or FAIL, with the cause and fix under each FAIL. */
final class Checklist {
    private final PrintStream out;
    private int passed;
    private int failed;

    Checklist(PrintStream out) {
        this.out = out;
    }

    void ok(String what) {
        passed++;
        out.println("  ok    " + what);
    }

    void warn(String what, String fix) {
        passed++;
        out.println("  WARN  " + what);
        out.println("        fix:   " + fix);
    }

    void fail(String what, String cause, String fix) {
        failed++;
        out.println("  FAIL  " + what);
        if (cause != null && !cause.isEmpty()) {
            out.println("        cause: " + cause);
        }
        out.println("        fix:   " + fix);
    }

    void skip(String what) {
        out.println("  --    " + what + " (skipped: needs the check above)");
    }

    boolean allPassed() {
        return failed == 0;
    }

    String summary() {
        return failed == 0 ? "All " + passed + " checks passed."
                : failed + " of " + (passed + failed) + " checks failed.";
    }
}
