package io.oidcgateway.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Every configuration key the gateway understands; README documents each. */
public final class ConfigKeys {
    public static final String ENV_PREFIX = "GATEWAY_";

    public static final String SERVER_HOST = "server.host";
    public static final String SERVER_PORT = "server.port";
    public static final String SERVER_PUBLIC_URL = "server.public-url";
    public static final String UPSTREAM_URL = "upstream.url";
    public static final String UPSTREAM_TIMEOUT = "upstream.timeout";
    public static final String OIDC_ISSUER = "oidc.issuer";
    public static final String OIDC_CLIENT_ID = "oidc.client-id";
    public static final String OIDC_SCOPES = "oidc.scopes";
    public static final String OIDC_CLIENT_AUTH = "oidc.client-auth";
    public static final String OIDC_CLIENT_SECRET = "oidc.client-secret";
    public static final String OIDC_CLIENT_CERTIFICATE = "oidc.client-certificate";
    public static final String OIDC_CLIENT_KEY = "oidc.client-key";
    public static final String OIDC_CLIENT_KEYSTORE = "oidc.client-keystore";
    public static final String OIDC_CLIENT_KEYSTORE_PASSWORD = "oidc.client-keystore-password";
    public static final String OIDC_ASSERTION_ALG = "oidc.assertion.alg";
    public static final String OIDC_ASSERTION_HEADERS = "oidc.assertion.headers";
    public static final String OIDC_ASSERTION_AUDIENCE = "oidc.assertion.audience";
    public static final String OIDC_ASSERTION_LIFETIME = "oidc.assertion.lifetime";
    public static final String OIDC_POST_LOGOUT_REDIRECT_URI = "oidc.post-logout-redirect-uri";
    public static final String SESSION_COOKIE_NAME = "session.cookie-name";
    public static final String SESSION_TTL = "session.ttl";
    public static final String SESSION_IDLE_TIMEOUT = "session.idle-timeout";
    public static final String SESSION_MAX_ENTRIES = "session.max-entries";
    public static final String SESSION_LOGIN_TIMEOUT = "session.login-timeout";
    public static final String SESSION_MAX_PENDING_LOGINS = "session.max-pending-logins";
    public static final String DEMO_IDENTITY_PROVIDER = "demo.identity-provider";
    public static final String DEMO_UPSTREAM = "demo.upstream";

    public static final List<String> ALL = List.of(
            SERVER_HOST, SERVER_PORT, SERVER_PUBLIC_URL, UPSTREAM_URL, UPSTREAM_TIMEOUT,
            OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_SCOPES, OIDC_CLIENT_AUTH, OIDC_CLIENT_SECRET,
            OIDC_CLIENT_CERTIFICATE, OIDC_CLIENT_KEY, OIDC_CLIENT_KEYSTORE, OIDC_CLIENT_KEYSTORE_PASSWORD,
            OIDC_ASSERTION_ALG, OIDC_ASSERTION_HEADERS, OIDC_ASSERTION_AUDIENCE, OIDC_ASSERTION_LIFETIME,
            OIDC_POST_LOGOUT_REDIRECT_URI,
            SESSION_COOKIE_NAME, SESSION_TTL, SESSION_IDLE_TIMEOUT, SESSION_MAX_ENTRIES,
            SESSION_LOGIN_TIMEOUT, SESSION_MAX_PENDING_LOGINS,
            DEMO_IDENTITY_PROVIDER, DEMO_UPSTREAM);

    /** Keys whose values are never printed, not even in an error message. */
    public static final Set<String> SECRETS = Set.of(OIDC_CLIENT_SECRET, OIDC_CLIENT_KEYSTORE_PASSWORD);

    private ConfigKeys() {
    }

    /** {@code oidc.client-id} is overridden by {@code GATEWAY_OIDC_CLIENT_ID}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').replace('#', '_');
    }
}
