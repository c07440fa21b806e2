package io.oidcgateway.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Session and pending-login limits. Pending logins live in their own, separately bounded
 * store so that a storm of unfinished logins can evict pending logins but never sessions.
 *
 * @param cookieDomain the cookies' {@code Domain}; empty: none, so they go back only to the gateway's own host
 * @param store where sessions and pending logins live
 * @param preservePost whether a browser's form POST that arrives after its session ended is kept
 *        in the tab and sent again after the new sign-in ({@code session.preserve-post})
 */
public record SessionConfig(
        String cookieName,
        Duration ttl,
        Duration idleTimeout,
        long maxEntries,
        Duration loginTimeout,
        long maxPendingLogins,
        Duration refreshBefore,
        Optional<String> cookieDomain,
        SessionStoreConfig store,
        boolean preservePost) {

    public static final String DEFAULT_COOKIE_NAME = "gateway_session";
    public static final Duration DEFAULT_TTL = Duration.ofHours(8);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);
    public static final long DEFAULT_MAX_ENTRIES = 100_000;
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofMinutes(10);
    public static final long DEFAULT_MAX_PENDING_LOGINS = 10_000;
    /** Refresh an access token this long before it expires, so no request carries an expired one. */
    public static final Duration DEFAULT_REFRESH_BEFORE = Duration.ofSeconds(60);

    /** The cookie that binds a pending login's {@code state} to the browser that started it. */
    public String loginCookieName() {
        return cookieName + "_login";
    }
}
