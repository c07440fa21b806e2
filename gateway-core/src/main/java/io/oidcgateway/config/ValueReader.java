package io.oidcgateway.config;

import static io.oidcgateway.config.ConfigKeys.SECRETS;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Typed access to the values; each failure becomes a problem and a placeholder so reading goes on. */
final class ValueReader {
    private final ConfigValues values;
    private final List<ConfigProblem> problems;

    ValueReader(ConfigValues values, List<ConfigProblem> problems) {
        this.values = values;
        this.problems = problems;
    }

    void problem(String key, String message) {
        String shown = SECRETS.contains(key) ? "(hidden)" : values.get(key).orElse(null);
        problems.add(new ConfigProblem(key, shown, message));
    }

    String string(String key, String defaultValue) {
        return values.get(key).orElse(defaultValue);
    }

    Optional<String> optional(String key) {
        return values.get(key);
    }

    <T> T parse(String key, T defaultValue, Function<String, T> parser) {
        Optional<String> raw = values.get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return parser.apply(raw.get());
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return defaultValue;
        }
    }

    boolean bool(String key, boolean defaultValue) {
        return parse(key, defaultValue, v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("write true or false");
        });
    }

    int integer(String key, long defaultValue, long min, long max) {
        return parse(key, (int) defaultValue, v -> {
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return (int) n;
        });
    }

    /** A duration where zero means "not at all". */
    Duration durationOrZero(String key, Duration defaultValue) {
        return parse(key, defaultValue, v -> v.equals("0") ? Duration.ZERO : Durations.parse(v));
    }

    Duration duration(String key, Duration defaultValue) {
        return parse(key, defaultValue, v -> {
            Duration d = Durations.parse(v);
            if (d.isZero()) {
                throw new IllegalArgumentException("must be longer than zero");
            }
            return d;
        });
    }

    /** An absolute http(s) URL without query or fragment; {@code null} default means required. */
    URI httpUrl(String key, String defaultValue) {
        Optional<String> raw = values.get(key);
        if (raw.isEmpty() && defaultValue == null) {
            problem(key, "is required (an http:// or https:// URL)");
            return URI.create("http://invalid.invalid");
        }
        String text = raw.orElse(defaultValue);
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(text, "write an absolute http:// or https:// URL");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(text, "must not have a query or fragment");
            }
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            problem(key, e.getReason());
            return URI.create("http://invalid.invalid");
        }
    }

    /** A path as written, resolved against the configuration file's directory like every other path. */
    Path path(String value) {
        return values.resolvePath(value);
    }

    Path existingFile(String key) {
        Path path = values.resolvePath(values.get(key).orElseThrow());
        if (!Files.isRegularFile(path)) {
            problem(key, "file not found: " + path + " (relative paths start at the config file's folder)");
            return null;
        }
        if (!Files.isReadable(path)) {
            problem(key, "file not readable: " + path);
            return null;
        }
        return path;
    }

    /** A file that must exist when the key is set; empty when it is not. */
    Optional<Path> optionalFile(String key) {
        return optional(key).isPresent() ? Optional.ofNullable(existingFile(key)) : Optional.empty();
    }

    /** Comma-separated values in their order, none empty. */
    List<String> list(String key) {
        return optional(key).map(v -> List.of(v.trim().split("\\s*,\\s*"))).orElse(List.of()).stream()
                .filter(v -> !v.isEmpty()).toList();
    }

    List<String> keysMatching(java.util.regex.Pattern pattern) {
        return values.keysMatching(pattern);
    }

    Set<String> set(String key) {
        return parse(key, Set.<String>of(), v -> Set.of(v.trim().split("\\s*,\\s*")));
    }
}
