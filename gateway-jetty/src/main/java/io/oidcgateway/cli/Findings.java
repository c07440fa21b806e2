package io.oidcgateway.cli;

import io.oidcgateway.diagnostics.Finding;
import io.oidcgateway.diagnostics.Severity;
import java.io.PrintStream;
import java.util.List;

/** Prints findings the same way for every command: severity, what, the IdP's answer, the fix. */
final class Findings {
    private Findings() {
    }

    static void print(PrintStream out, List<Finding> findings) {
        for (Finding f : findings) {
            out.printf("%-6s %s%n", f.severity(), f.title());
            f.idpError().ifPresent(e -> out.println((e.startsWith("AADSTS") ? "       IdP answers: " : "       Effect: ") + e));
            if (!f.fix().isEmpty()) {
                out.println("       Fix: " + f.fix());
            }
        }
    }

    static boolean hasErrors(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    static String summary(List<Finding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARN).count();
        if (errors == 0 && warnings == 0) {
            return "No problems found.";
        }
        return errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s")
                + ".";
    }
}
