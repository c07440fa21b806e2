package io.oidcgateway.config;

import static io.oidcgateway.config.ConfigKeys.LOG_FORMAT;
import static io.oidcgateway.config.ConfigKeys.LOG_LEVEL;
import static io.oidcgateway.config.ConfigKeys.SERVER_ACCESS_LOG;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads {@code log.format}, {@code log.level} and {@code server.access-log}. */
final class LogConfigReader {
    private LogConfigReader() {
    }

    static LogConfig read(ValueReader r) {
        return new LogConfig(choice(r, LOG_FORMAT, LogConfig.Format.class, LogConfig.Format.TEXT),
                choice(r, LOG_LEVEL, LogConfig.Level.class, LogConfig.Level.INFO), accessLog(r));
    }

    private static <E extends Enum<E>> E choice(ValueReader r, String key, Class<E> type, E defaultValue) {
        Optional<String> value = r.optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, value.get().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            r.problem(key, "'" + value.get() + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
            return defaultValue;
        }
    }

    private static LogConfig.AccessLog accessLog(ValueReader r) {
        String value = r.string(SERVER_ACCESS_LOG, "stdout").trim();
        if (value.equals("off")) {
            return LogConfig.AccessLog.OFF;
        }
        if (value.equals("stdout")) {
            return LogConfig.AccessLog.STDOUT;
        }
        Path file = r.path(value).toAbsolutePath();
        Path dir = file.getParent();
        if (Files.isDirectory(file) || dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            r.problem(SERVER_ACCESS_LOG, "'" + value + "' is not a file in a writable directory; write off, stdout,"
                    + " or a file path such as /var/log/oidc-gateway/access.log");
            return LogConfig.AccessLog.STDOUT;
        }
        return new LogConfig.AccessLog(true, Optional.of(file));
    }
}
