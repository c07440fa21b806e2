package io.oidcgateway.operations;

import io.oidcgateway.testing.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** {@code promtool check metrics}: Prometheus' own check of an exposition (Debian package prometheus). */
final class Promtool {
    private Promtool() {
    }

    /** @return what promtool said; empty when the exposition passed */
    static String check(String exposition) throws IOException, InterruptedException {
        RequiredTools.require("prometheus", "promtool");
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = promtool.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!promtool.waitFor(30, TimeUnit.SECONDS)) {
            promtool.destroyForcibly();
            throw new IllegalStateException("promtool did not finish");
        }
        return promtool.exitValue() == 0 ? "" : "exit " + promtool.exitValue() + ": " + said;
    }
}
