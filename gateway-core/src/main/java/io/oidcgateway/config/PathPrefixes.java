package io.oidcgateway.config;

/** Prefix matching at path-segment boundaries: {@code /api} covers {@code /api} and {@code /api/x}, not {@code /apix}. */
public final class PathPrefixes {
    private PathPrefixes() {
    }

    public static boolean under(String path, String prefix) {
        if (prefix.equals("/")) {
            return path.startsWith("/");
        }
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
