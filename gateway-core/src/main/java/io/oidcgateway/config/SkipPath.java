package io.oidcgateway.config;

import java.util.List;
import java.util.Optional;

/**
 * A path the upstream serves without login (health checks, static assets), optionally for
 * one method only. Matched on the container's decoded, normalised path at segment boundaries.
 */
public record SkipPath(Optional<String> method, String prefix) {

    /** {@code /health} or {@code GET /static}. */
    public static SkipPath parse(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length > 2 || parts[parts.length - 1].isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': write a path prefix such as /health, or a method"
                    + " and a prefix such as 'GET /static'");
        }
        String prefix = parts[parts.length - 1];
        if (!prefix.startsWith("/") || prefix.contains("..") || prefix.contains("//") || prefix.contains("\\")) {
            throw new IllegalArgumentException("'" + prefix + "' must be an absolute path such as /health");
        }
        if (parts.length == 2 && !parts[0].matches("[A-Z]+")) {
            throw new IllegalArgumentException("'" + parts[0] + "' is not an HTTP method; write it in capitals");
        }
        String normalized = prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return new SkipPath(parts.length == 2 ? Optional.of(parts[0]) : Optional.empty(), normalized);
    }

    /** Whether any of them serves the request without login; a loop, as it runs on every request. */
    public static boolean anyMatches(List<SkipPath> skipPaths, String method, String path) {
        for (SkipPath skip : skipPaths) {
            if (skip.matches(method, path)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(String method, String path) {
        if (this.method.isPresent() && !this.method.get().equals(method)) {
            return false;
        }
        return PathPrefixes.under(path, prefix);
    }
}
