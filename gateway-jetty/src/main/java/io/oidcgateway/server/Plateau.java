package io.oidcgateway.server;

import java.time.Duration;

/**
 * Tells when a warm-up's rate has stopped climbing: while the JIT compiles, each window serves
 * more than the best before it; once the rate has not beaten its best by {@link #MARGIN} for
 * {@link #FLAT_WINDOWS} windows in a row, what the requests run is compiled. On two CPUs that
 * took 12-19 seconds; on more it takes less, as the compiler threads get CPUs of their own.
 * Windows of a second and three flat ones in a row: a single long compilation stalls the rate
 * for a second or two, and half-second windows took that for the end (load.sh's first seconds
 * then came out at 0.34x instead of 0.68x).
 */
final class Plateau {
    static final Duration WINDOW = Duration.ofSeconds(1);
    /** More than noise between windows of a loaded machine, less than one step of the JIT. */
    static final double MARGIN = 1.05;
    static final int FLAT_WINDOWS = 3;

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
