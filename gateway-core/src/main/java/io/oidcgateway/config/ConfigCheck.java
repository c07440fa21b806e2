package io.oidcgateway.config;

import java.util.function.Consumer;

/**
 * A check of something another part of the gateway loads from the configuration (key
 * material), run by {@link ConfigLoader} with its own checks so that every problem is
 * reported at once.
 */
@FunctionalInterface
public interface ConfigCheck {
    /**
     * @param config the configuration as read; when other problems were found, values may be
     *        placeholders, so check only what is present
     */
    void check(GatewayConfig config, Consumer<ConfigProblem> problems);
}
