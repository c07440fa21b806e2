package io.oidcgateway.it;

import java.util.function.Supplier;

/** Runs a browser test step; a failure carries what the browser saw and the servers' last log lines. */
final class Diagnose {
    interface Step {
        void run() throws Exception;
    }

    private Diagnose() {
    }

    static void run(Supplier<String> context, Step step) throws Exception {
        try {
            step.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n\n" + context.get(), e);
        }
    }
}
