package io.oidcgateway.server;

import java.time.Duration;

/**
 * Tells when a warm-up's rate has stopped climbing: while the JIT compiles, each window serves
 * more than the best before it; once the rate has not beaten its best by {@link #MARGIN} for
 * {@link #FLAT_WINDOWS} windows in a row, what the requests run is compiled. On two CPUs that
 * took about twelve seconds; on more it takes less, as the compiler threads get CPUs of their own.
 */
final class Plateau {
    static final Duration WINDOW = Duration.ofMillis(500);
    /** More than noise between windows of a loaded machine, less than one step of the JIT. */
    static final double MARGIN = 1.05;
    static final int FLAT_WINDOWS = 4;

    private long best;
    private int flat;

    /** @param servedInWindow the requests served in the window that just ended */
    boolean climbing(long servedInWindow) {
        if (servedInWindow > best * MARGIN) {
            best = servedInWindow;
            flat = 0;
            return true;
        }
        flat++;
        return flat < FLAT_WINDOWS;
    }
}
