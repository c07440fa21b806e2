package io.oidcgateway.demo;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URLs one issuer of the demo IdP answers at: its own root ({@code /token}, ...), or an
 * Entra-shaped tenant under it ({@code /{tenant}/oauth2/v2.0/token}, issuer
 * {@code /{tenant}/v2.0}), which is where Microsoft's libraries look when pointed at an
 * authority {@code https://host:port/{tenant}}.
 *
 * @param endpoint which endpoint a request path names: discovery, jwks, authorize, token or logout
 */
record DemoSite(String issuer, String authorize, String token, String jwks, String logout, String endpoint) {
    private static final Pattern TENANT_PATH = Pattern.compile("/([A-Za-z0-9.-]+)/(v2\\.0/\\.well-known/openid-"
            + "configuration|oauth2/v2\\.0/authorize|oauth2/v2\\.0/token|oauth2/v2\\.0/logout|discovery/v2\\.0/keys)");

    /** @return the site and endpoint a request path names, or empty for a path the demo IdP does not serve */
    static Optional<DemoSite> of(String base, String path) {
        Matcher tenant = TENANT_PATH.matcher(path);
        if (tenant.matches()) {
            String t = base + "/" + tenant.group(1);
            String endpoint = switch (tenant.group(2)) {
                case "oauth2/v2.0/authorize" -> "authorize";
                case "oauth2/v2.0/token" -> "token";
                case "oauth2/v2.0/logout" -> "logout";
                case "discovery/v2.0/keys" -> "jwks";
                default -> "discovery";
            };
            return Optional.of(new DemoSite(t + "/v2.0", t + "/oauth2/v2.0/authorize", t + "/oauth2/v2.0/token",
                    t + "/discovery/v2.0/keys", t + "/oauth2/v2.0/logout", endpoint));
        }
        String endpoint = switch (path) {
            case "/.well-known/openid-configuration" -> "discovery";
            case "/jwks" -> "jwks";
            case "/authorize" -> "authorize";
            case "/token" -> "token";
            case "/logout" -> "logout";
            default -> null;
        };
        return Optional.ofNullable(endpoint).map(e -> new DemoSite(base, base + "/authorize", base + "/token",
                base + "/jwks", base + "/logout", e));
    }
}
