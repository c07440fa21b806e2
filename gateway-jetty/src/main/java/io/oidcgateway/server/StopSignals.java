package io.oidcgateway.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM (what systemd, Docker and Kubernetes send) and SIGINT (Ctrl-C) stop the gateway
 * gracefully: no new connections, requests in flight finish within {@code server.shutdown-timeout},
 * then {@code run} returns and the process exits 0. A JVM left to its default answer would run
 * the same stop from a shutdown hook but exit 143, which process supervisors report as a failure.
 * {@code sun.misc.Signal} is the JDK's one way to take a signal (module jdk.unsupported, exported).
 */
public final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    /** After the stop, {@link GatewayServer#join()} returns in the thread that started the server. */
    public static void stopOn(GatewayServer server) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                // The handler runs on the JDK's signal thread: the stop, which waits, gets its own.
                Thread stopper = new Thread(() -> stop(server, signal.getName()), "graceful-stop");
                stopper.start();
            });
        }
    }

    private static void stop(GatewayServer server, String signal) {
        LOG.info("SIG{}: stopping; requests in flight have up to {} to finish", signal,
                server.gateway().config().server().shutdownTimeout());
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the gateway did not stop cleanly: {}", e.toString());
        }
    }
}
