package io.oidcgateway.session;

import io.oidcgateway.logging.LogText;
import io.oidcgateway.metrics.GatewayMetrics;
import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdTokenException;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.IdentityProviderClient;
import io.oidcgateway.oidc.TokenEndpointException;
import io.oidcgateway.oidc.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes a session's access token shortly before it expires. Concurrent requests of one
 * session share one refresh. A refused refresh ({@code invalid_grant}) ends the session, and
 * so does an ID token in the refresh that fails validation; an unreachable IdP keeps the
 * session while its access token lasts, and is logged once per outage.
 */
public final class SessionRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRefresher.class);

    private final SessionRepository sessions;
    private final IdentityProviderClient idp;
    private final GatewayMetrics metrics;
    private final Duration refreshBefore;
    private final Clock clock;
    private final Map<String, CompletableFuture<Optional<Session>>> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean outageLogged = new AtomicBoolean();

    /** @param refreshBefore refresh when the access token expires within this ({@code session.refresh-before}) */
    public SessionRefresher(SessionRepository sessions, IdentityProviderClient idp, GatewayMetrics metrics,
            Duration refreshBefore, Clock clock) {
        this.sessions = sessions;
        this.idp = idp;
        this.metrics = metrics;
        this.refreshBefore = refreshBefore;
        this.clock = clock;
    }

    /** The session to use for this request: refreshed when due, empty once it has ended. */
    public Optional<Session> fresh(Session session) {
        Instant now = clock.instant();
        if (now.isBefore(session.accessTokenExpiresAt().minus(refreshBefore))) {
            return Optional.of(session);
        }
        if (session.refreshToken().isEmpty()) {
            return usableOrEnded(session, now);
        }
        CompletableFuture<Optional<Session>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Session>> running = inFlight.putIfAbsent(session.id(), mine);
        if (running != null) {
            return running.join();
        }
        try {
            Optional<Session> result = refresh(session);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(session.id(), mine);
        }
    }

    private Optional<Session> refresh(Session seen) {
        Optional<Session> stored = sessions.get(seen.id());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Session current = stored.get();
        Instant now = clock.instant();
        if (current.accessTokenExpiresAt().isAfter(seen.accessTokenExpiresAt())) {
            // Another request refreshed it after this one read the old value: its rotated token is the one to use.
            return Optional.of(current);
        }
        return exchange(current, now);
    }

    /** Redeems the refresh token and stores the result, unless the IdP or the ID token ends the session. */
    private Optional<Session> exchange(Session current, Instant now) {
        TokenResponse tokens;
        try {
            tokens = idp.refresh(current.refreshToken().orElseThrow());
        } catch (DiscoveryException e) {
            logOutageOnce("the IdP's discovery document cannot be loaded");
            return usableOrEnded(current, now);
        } catch (TokenEndpointException e) {
            metrics.tokenRefresh(false);
            if ("invalid_grant".equals(e.error())) {
                return ended(current, "the IdP refused to refresh it (" + e.error() + ")");
            }
            logOutageOnce(e.getMessage());
            return usableOrEnded(current, now);
        }
        Optional<IdentityClaims> renewed;
        try {
            renewed = renewedIdentity(current, tokens);
        } catch (IdTokenException | DiscoveryException e) {
            metrics.tokenRefresh(false);
            return ended(current, "the ID token of its refresh was refused: " + e.getMessage());
        }
        Session refreshed = current.refreshed(tokens, renewed, now);
        if (!sessions.replace(current, refreshed)) {
            // Ended (signed out, logged out by the IdP) while the refresh was under way.
            return sessions.get(current.id());
        }
        metrics.tokenRefresh(true);
        if (outageLogged.compareAndSet(true, false)) {
            LOG.info("refreshing access tokens works again");
        }
        return Optional.of(refreshed);
    }

    /** The identity of a refresh's ID token, validated (OIDC Core 12.2), so access rules see current groups. */
    private Optional<IdentityClaims> renewedIdentity(Session current, TokenResponse tokens)
            throws IdTokenException, DiscoveryException {
        if (tokens.idToken().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(idp.validateRefreshedIdToken(tokens.idToken().get(), current.identity().subject()));
    }

    private Optional<Session> ended(Session session, String why) {
        sessions.delete(session.id());
        LOG.info("the session of {} has ended: {}", LogText.clean(session.identity().subject()), LogText.clean(why));
        return Optional.empty();
    }

    private Optional<Session> usableOrEnded(Session session, Instant now) {
        if (session.accessTokenValid(now)) {
            return Optional.of(session);
        }
        sessions.delete(session.id());
        return Optional.empty();
    }

    private void logOutageOnce(String reason) {
        if (outageLogged.compareAndSet(false, true)) {
            LOG.warn("cannot refresh access tokens ({}); sessions continue while their access tokens last."
                    + " This is logged once until refreshing works again.", LogText.clean(reason));
        }
    }
}
