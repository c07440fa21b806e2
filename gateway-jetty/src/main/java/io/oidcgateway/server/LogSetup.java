package io.oidcgateway.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.oidcgateway.config.LogConfig;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The server's logging, set from {@code log.*} and {@code server.access-log}: the operator's log
 * on standard error, the access log on standard output or in a file. Logback, because it has
 * what Jetty's own SLF4J backend lacks: a JSON encoder and an MDC for the request id.
 */
public final class LogSetup {
    /** Text lines: UTC time, level, logger, the request id when serving one, the message. */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %logger{0}"
            + "%replace( [%X{request_id}]){' \\[\\]', ''}: %msg%n%throwable";

    /** Libraries speak at WARN; these would otherwise log every reconnect attempt or nothing useful. */
    private static final Map<String, Level> LIBRARY_LEVELS = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "io.lettuce", Level.WARN,
            "io.lettuce.core.protocol.ConnectionWatchdog", Level.ERROR,
            "io.netty", Level.WARN,
            "io.micrometer", Level.WARN);

    /**
     * Before a configuration is read (the CLI's commands, tests, a start that fails): text, and no
     * access log, as a command that serves nothing has none to write.
     */
    public static final LogConfig UNCONFIGURED = new LogConfig(LogConfig.Format.TEXT, LogConfig.Level.INFO,
            LogConfig.AccessLog.OFF);

    /** The CLI's commands other than {@code run}: their output is their own lines, so only warnings join it. */
    public static final LogConfig COMMANDS = new LogConfig(LogConfig.Format.TEXT, LogConfig.Level.WARN,
            LogConfig.AccessLog.OFF);

    private LogSetup() {
    }

    /** Replaces whatever logging was set up before (the defaults of {@link DefaultLogConfigurator}). */
    public static void apply(LogConfig config) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        apply(context, config);
    }

    static void apply(LoggerContext context, LogConfig config) {
        context.reset();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console(context, "log", "System.err", encoder(context, config.format(), TEXT_PATTERN)));
        LIBRARY_LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        context.getLogger("io.oidcgateway").setLevel(Level.toLevel(config.level().name()));

        Logger access = context.getLogger(AccessLog.LOGGER);
        access.setAdditive(false);
        if (!config.accessLog().enabled()) {
            access.setLevel(Level.OFF);
            return;
        }
        // The access log is not the operator's log: log.level=warn does not silence it.
        access.setLevel(Level.INFO);
        Encoder<ILoggingEvent> lines = encoder(context, config.format(), "%msg%n");
        access.addAppender(config.accessLog().file().isPresent()
                ? file(context, config.accessLog().file().get().toString(), lines)
                : console(context, "access", "System.out", lines));
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogConfig.Format format, String pattern) {
        if (format == LogConfig.Format.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithArguments(false);
            json.setWithMessage(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(pattern);
        text.start();
        return text;
    }

    private static OutputStreamAppender<ILoggingEvent> console(LoggerContext context, String name, String target,
            Encoder<ILoggingEvent> encoder) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setTarget(target);
        return started(context, name, encoder, appender);
    }

    private static OutputStreamAppender<ILoggingEvent> file(LoggerContext context, String path,
            Encoder<ILoggingEvent> encoder) {
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setFile(path);
        appender.setAppend(true);
        return started(context, "access-file", encoder, appender);
    }

    private static OutputStreamAppender<ILoggingEvent> started(LoggerContext context, String name,
            Encoder<ILoggingEvent> encoder, OutputStreamAppender<ILoggingEvent> appender) {
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
