package io.oidcgateway.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's set-up before any configuration is read (the CLI's commands, tests, a start that
 * fails): the same text lines {@code run} writes by default, found by Logback through
 * {@code META-INF/services}, so no logback.xml repeats them.
 */
public final class DefaultLogConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LogSetup.apply(context, LogSetup.UNCONFIGURED);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
