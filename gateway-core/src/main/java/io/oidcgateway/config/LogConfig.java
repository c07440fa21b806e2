package io.oidcgateway.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the server writes its log and its access log.
 *
 * @param format {@code log.format}: a line of text, or one JSON object per line (Loki, ELK)
 * @param level {@code log.level}: the gateway's own level; libraries stay at WARN
 * @param accessLog {@code server.access-log}: one line per request, or none
 */
public record LogConfig(Format format, Level level, AccessLog accessLog) {

    public enum Format { TEXT, JSON }

    public enum Level { DEBUG, INFO, WARN }

    /** Where the access log goes: off, standard output (the default), or a file. */
    public record AccessLog(boolean enabled, Optional<Path> file) {
        public static final AccessLog OFF = new AccessLog(false, Optional.empty());
        public static final AccessLog STDOUT = new AccessLog(true, Optional.empty());
    }

    public static final LogConfig DEFAULT = new LogConfig(Format.TEXT, Level.INFO, AccessLog.STDOUT);
}
