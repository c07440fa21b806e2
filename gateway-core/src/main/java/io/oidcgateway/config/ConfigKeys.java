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
    public static final String SERVER_TRUSTED_PROXIES = "server.trusted-proxies";
    public static final String SERVER_TLS_CERTIFICATE = "server.tls.certificate";
    public static final String SERVER_TLS_KEY = "server.tls.key";
    public static final String SERVER_TLS_KEYSTORE = "server.tls.keystore";
    public static final String SERVER_TLS_KEYSTORE_PASSWORD = "server.tls.keystore-password";
    public static final String SERVER_HTTP2 = "server.http2";
    public static final String SERVER_ACCESS_LOG = "server.access-log";
    public static final String SERVER_SHUTDOWN_TIMEOUT = "server.shutdown-timeout";
    public static final String SERVER_WARM_UP = "server.warm-up";
    public static final String LOG_FORMAT = "log.format";
    public static final String LOG_LEVEL = "log.level";
    public static final String UPSTREAM_URL = "upstream.url";
    public static final String UPSTREAM_TIMEOUT = "upstream.timeout";
    public static final String UPSTREAM_CONNECT_TIMEOUT = "upstream.connect-timeout";
    public static final String UPSTREAM_PRESERVE_HOST = "upstream.preserve-host";
    public static final String UPSTREAM_CA_FILE = "upstream.ca-file";
    public static final String OIDC_ISSUER = "oidc.issuer";
    public static final String OIDC_CLIENT_ID = "oidc.client-id";
    public static final String OIDC_SCOPES = "oidc.scopes";
    public static final String OIDC_CLIENT_AUTH = "oidc.client-auth";
    public static final String OIDC_CLIENT_SECRET = "oidc.client-secret";
    public static final String OIDC_CLIENT_CERTIFICATE = "oidc.client-certificate";
    public static final String OIDC_CLIENT_KEY = "oidc.client-key";
    public static final String OIDC_CLIENT_KEYSTORE = "oidc.client-keystore";
    public static final String OIDC_CLIENT_KEYSTORE_PASSWORD = "oidc.client-keystore-password";
    public static final String OIDC_CLIENT_KEYSTORE_TYPE = "oidc.client-keystore-type";
    public static final String OIDC_PKCS11_LIBRARY = "oidc.pkcs11.library";
    public static final String OIDC_PKCS11_TOKEN_LABEL = "oidc.pkcs11.token-label";
    public static final String OIDC_PKCS11_SLOT = "oidc.pkcs11.slot";
    public static final String OIDC_PKCS11_KEY_LABEL = "oidc.pkcs11.key-label";
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
    public static final String SESSION_COOKIE_DOMAIN = "session.cookie-domain";
    public static final String SESSION_REFRESH_BEFORE = "session.refresh-before";
    public static final String SESSION_STORE = "session.store";
    public static final String SESSION_PRESERVE_POST = "session.preserve-post";
    public static final String SESSION_REDIS_URL = "session.redis-url";
    public static final String SESSION_REDIS_CLUSTER = "session.redis-cluster";
    public static final String SESSION_REDIS_LOCAL_CACHE = "session.redis-local-cache";
    public static final String SESSION_ENCRYPTION_KEY = "session.encryption-key";
    public static final String SESSION_PREVIOUS_ENCRYPTION_KEYS = "session.previous-encryption-keys";
    public static final String OIDC_PROMPT = "oidc.prompt";
    public static final String OIDC_LOGIN_HINT = "oidc.login-hint";
    public static final String OIDC_DOMAIN_HINT = "oidc.domain-hint";
    public static final String OIDC_EXTRA_AUTH_PARAMS = "oidc.extra-auth-params";
    public static final String OIDC_RESPONSE_MODE = "oidc.response-mode";
    public static final String ACCESS_SKIP_PATHS = "access.skip-paths";
    public static final String ACCESS_ALLOWED_EMAIL_DOMAINS = "access.allowed-email-domains";
    public static final String ACCESS_ALLOWED_GROUPS = "access.allowed-groups";
    public static final String ACCESS_GROUPS_CLAIM = "access.groups-claim";
    public static final String ACCESS_ALLOWED_USERS = "access.allowed-users";
    public static final String ACCESS_BEARER_AUDIENCES = "access.bearer-audiences";
    public static final String ACCESS_ALLOW_UNVERIFIED_EMAIL = "access.allow-unverified-email";
    public static final String UPSTREAM_HEADERS_USER = "upstream.headers.user";
    public static final String UPSTREAM_HEADERS_EMAIL = "upstream.headers.email";
    public static final String UPSTREAM_HEADERS_PREFERRED_USERNAME = "upstream.headers.preferred-username";
    public static final String UPSTREAM_HEADERS_GROUPS = "upstream.headers.groups";
    public static final String UPSTREAM_HEADERS_ID_TOKEN = "upstream.headers.id-token";
    public static final String UPSTREAM_HEADERS_ACCESS_TOKEN = "upstream.headers.access-token";
    /** {@code route.<name>.path}, {@code .upstream}, {@code .strip-prefix}, {@code .timeout}. */
    public static final java.util.regex.Pattern ROUTE_KEY =
            java.util.regex.Pattern.compile("route\\.([a-z0-9][a-z0-9-]*)\\.(path|upstream|strip-prefix|timeout)");
    public static final String DEMO_IDENTITY_PROVIDER = "demo.identity-provider";
    public static final String DEMO_UPSTREAM = "demo.upstream";

    public static final List<String> ALL = List.of(
            SERVER_HOST, SERVER_PORT, SERVER_PUBLIC_URL, SERVER_TRUSTED_PROXIES, SERVER_TLS_CERTIFICATE,
            SERVER_TLS_KEY, SERVER_TLS_KEYSTORE, SERVER_TLS_KEYSTORE_PASSWORD, SERVER_HTTP2, SERVER_ACCESS_LOG,
            SERVER_SHUTDOWN_TIMEOUT, SERVER_WARM_UP, LOG_FORMAT, LOG_LEVEL, UPSTREAM_URL, UPSTREAM_TIMEOUT,
            UPSTREAM_CONNECT_TIMEOUT, UPSTREAM_PRESERVE_HOST, UPSTREAM_CA_FILE,
            OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_SCOPES, OIDC_CLIENT_AUTH, OIDC_CLIENT_SECRET,
            OIDC_CLIENT_CERTIFICATE, OIDC_CLIENT_KEY, OIDC_CLIENT_KEYSTORE, OIDC_CLIENT_KEYSTORE_PASSWORD,
            OIDC_CLIENT_KEYSTORE_TYPE, OIDC_PKCS11_LIBRARY, OIDC_PKCS11_TOKEN_LABEL, OIDC_PKCS11_SLOT,
            OIDC_PKCS11_KEY_LABEL,
            OIDC_ASSERTION_ALG, OIDC_ASSERTION_HEADERS, OIDC_ASSERTION_AUDIENCE, OIDC_ASSERTION_LIFETIME,
            OIDC_POST_LOGOUT_REDIRECT_URI, OIDC_PROMPT, OIDC_LOGIN_HINT, OIDC_DOMAIN_HINT, OIDC_EXTRA_AUTH_PARAMS,
            OIDC_RESPONSE_MODE,
            SESSION_COOKIE_NAME, SESSION_TTL, SESSION_IDLE_TIMEOUT, SESSION_MAX_ENTRIES,
            SESSION_LOGIN_TIMEOUT, SESSION_MAX_PENDING_LOGINS, SESSION_REFRESH_BEFORE, SESSION_COOKIE_DOMAIN,
            SESSION_STORE, SESSION_REDIS_URL, SESSION_REDIS_CLUSTER, SESSION_REDIS_LOCAL_CACHE, SESSION_ENCRYPTION_KEY,
            SESSION_PREVIOUS_ENCRYPTION_KEYS, SESSION_PRESERVE_POST,
            ACCESS_SKIP_PATHS, ACCESS_ALLOWED_EMAIL_DOMAINS, ACCESS_ALLOWED_GROUPS, ACCESS_GROUPS_CLAIM,
            ACCESS_ALLOWED_USERS, ACCESS_BEARER_AUDIENCES, ACCESS_ALLOW_UNVERIFIED_EMAIL,
            UPSTREAM_HEADERS_USER, UPSTREAM_HEADERS_EMAIL, UPSTREAM_HEADERS_PREFERRED_USERNAME,
            UPSTREAM_HEADERS_GROUPS, UPSTREAM_HEADERS_ID_TOKEN, UPSTREAM_HEADERS_ACCESS_TOKEN,
            DEMO_IDENTITY_PROVIDER, DEMO_UPSTREAM);

    /** Keys whose values are never printed, not even in an error message. */
    public static final Set<String> SECRETS = Set.of(OIDC_CLIENT_SECRET, OIDC_CLIENT_KEYSTORE_PASSWORD,
            SERVER_TLS_KEYSTORE_PASSWORD,
            SESSION_REDIS_URL, SESSION_ENCRYPTION_KEY, SESSION_PREVIOUS_ENCRYPTION_KEYS);

    private ConfigKeys() {
    }

    /** A key the gateway understands: one of {@link #ALL} or a route key. */
    public static boolean known(String key) {
        return ALL.contains(key) || ROUTE_KEY.matcher(key).matches();
    }

    /** {@code oidc.client-id} is overridden by {@code GATEWAY_OIDC_CLIENT_ID}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').replace('#', '_');
    }
}
