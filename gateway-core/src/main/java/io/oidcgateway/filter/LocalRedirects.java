package io.oidcgateway.filter;

/**
 * Where a browser may be sent after login or sign-out: only a path on this site. Anything a
 * browser could read as another origin ({@code //host}, {@code /\host}, a scheme, control
 * characters that browsers strip) becomes {@code /}.
 */
public final class LocalRedirects {
    private LocalRedirects() {
    }

    public static String sanitize(String target) {
        if (target == null || target.isEmpty() || target.length() > 2048) {
            return "/";
        }
        if (target.charAt(0) != '/') {
            return "/";
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return "/";
            }
        }
        if (target.length() > 1 && (target.charAt(1) == '/')) {
            return "/";
        }
        String lower = target.toLowerCase(java.util.Locale.ROOT);
        // Encoded slashes and backslashes may be decoded by the browser or a proxy into '//' or '/\'.
        if (lower.startsWith("/%2f") || lower.startsWith("/%5c") || lower.contains("%0")) {
            return "/";
        }
        return target;
    }
}
