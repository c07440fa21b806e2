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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes a session's access token shortly before it expires. Requests of one session share
 * one refresh: in this process by a single flight, across instances by a {@link RefreshLock}
 * whose holder alone redeems the refresh token while the others wait and read its result.
 * Only the IdP's refusal ({@code invalid_grant}), or an ID token in the refresh that fails
 * validation, ends a session: while the IdP is unreachable a session with an expired access
 * token is kept and its requests get {@link RenewalUnavailableException}.
 */
public final class SessionRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRefresher.class);
    /** How often a request waiting for another instance's refresh looks for its result. */
    static final Duration WAIT_STEP = Duration.ofMillis(50);

    private final SessionRepository sessions;
    private final IdentityProviderClient idp;
    private final RefreshLock lock;
    private final GatewayMetrics metrics;
    private final Duration refreshBefore;
    private final Duration maxWait;
    private final Clock clock;
    private final Map<String, CompletableFuture<Optional<Session>>> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean outageLogged = new AtomicBoolean();

    /**
     * @param refreshBefore refresh when the access token expires within this ({@code session.refresh-before})
     * @param maxWait how long a request waits for another instance's refresh: the IdP call's
     *        timeout and a margin, after which that refresh has failed or its instance died
     */
    public SessionRefresher(SessionRepository sessions, IdentityProviderClient idp, RefreshLock lock,
            GatewayMetrics metrics, Duration refreshBefore, Duration maxWait, Clock clock) {
        this.sessions = sessions;
        this.idp = idp;
        this.lock = lock;
        this.metrics = metrics;
        this.refreshBefore = refreshBefore;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /**
     * The session to use for this request: refreshed when due, empty once it has ended.
     *
     * @throws RenewalUnavailableException when it must be refreshed and the IdP cannot do it now
     */
    public Optional<Session> fresh(Session session) {
        if (!due(session)) {
            return Optional.of(session);
        }
        if (session.refreshToken().isEmpty()) {
            return usableOrEnded(session);
        }
        CompletableFuture<Optional<Session>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Session>> running = inFlight.putIfAbsent(session.id(), mine);
        if (running != null) {
            return join(running);
        }
        try {
            Optional<Session> result = refreshShared(session);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(session.id(), mine);
        }
    }

    /** Whether {@link #fresh} would refresh it (or end it) rather than give it back as it is. */
    public boolean due(Session session) {
        return !clock.instant().isBefore(session.accessTokenExpiresAt().minus(refreshBefore));
    }

    private static Optional<Session> join(CompletableFuture<Optional<Session>> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * One refresh across instances: the lease holder refreshes, the others wait for its result.
     * The session's version fences the result: a refresh stores its tokens only over the version
     * it read, and ends the session only if that version is still the stored one.
     */
    private Optional<Session> refreshShared(Session seen) {
        Instant giveUp = clock.instant().plus(maxWait);
        while (true) {
            Optional<Session> stored = sessions.get(seen.id());
            if (stored.isEmpty() || stored.get().version() > seen.version() || !due(stored.get())) {
                // Ended, or refreshed by another request since this one read it: its result is the one to use.
                return stored;
            }
            Optional<RefreshLock.Lease> held = lock.tryAcquire(seen.id());
            if (held.isPresent()) {
                try {
                    return refreshHeld(stored.get());
                } finally {
                    lock.release(held.get());
                }
            }
            if (clock.instant().isAfter(giveUp)) {
                return usableOrUnavailable(stored.get(), "another instance's refresh did not finish");
            }
            pause();
        }
    }

    /** Under the lease: read once more, as the previous holder may have finished just before. */
    private Optional<Session> refreshHeld(Session current) {
        Optional<Session> latest = sessions.getLatest(current.id());
        if (latest.isEmpty() || latest.get().version() > current.version()) {
            return latest;
        }
        return exchange(latest.get());
    }

    private static void pause() {
        try {
            Thread.sleep(WAIT_STEP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenewalUnavailableException("interrupted while waiting for another instance's refresh");
        }
    }

    /** Redeems the refresh token and stores the result, unless the IdP or the ID token ends the session. */
    private Optional<Session> exchange(Session current) {
        TokenResponse tokens;
        try {
            tokens = idp.refresh(current.refreshToken().orElseThrow());
        } catch (DiscoveryException e) {
            return usableOrUnavailable(current, "the IdP's discovery document cannot be loaded");
        } catch (TokenEndpointException e) {
            metrics.tokenRefresh(false);
            if ("invalid_grant".equals(e.error())) {
                return ended(current, "the IdP refused to refresh it (" + e.error() + ")");
            }
            return usableOrUnavailable(current, e.getMessage());
        }
        Optional<IdentityClaims> renewed;
        try {
            renewed = renewedIdentity(current, tokens);
        } catch (IdTokenException | DiscoveryException e) {
            metrics.tokenRefresh(false);
            return ended(current, "the ID token of its refresh was refused: " + e.getMessage());
        }
        Session refreshed = current.refreshed(tokens, renewed, clock.instant());
        if (!sessions.replace(current, refreshed)) {
            // Ended (signed out, logged out by the IdP) while the refresh was under way.
            return sessions.getLatest(current.id());
        }
        metrics.tokenRefresh(true);
        LOG.debug("access token of {} refreshed, valid until {}", LogText.clean(current.identity().subject()),
                refreshed.accessTokenExpiresAt());
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
        if (!sessions.end(session)) {
            // Another instance's refresh won, and the IdP refused this one's copy of the token.
            return sessions.getLatest(session.id());
        }
        LOG.info("the session of {} has ended: {}", LogText.clean(session.identity().subject()), LogText.clean(why));
        return Optional.empty();
    }

    /** Without a refresh token nothing can renew it: the session ends with its access token. */
    private Optional<Session> usableOrEnded(Session session) {
        if (session.accessTokenValid(clock.instant())) {
            return Optional.of(session);
        }
        sessions.delete(session.id());
        return Optional.empty();
    }

    /** The IdP cannot renew it now: served while its access token lasts, then kept but refused with 503. */
    private Optional<Session> usableOrUnavailable(Session session, String reason) {
        logOutageOnce(reason);
        if (session.accessTokenValid(clock.instant())) {
            return Optional.of(session);
        }
        throw new RenewalUnavailableException(reason);
    }

    private void logOutageOnce(String reason) {
        if (outageLogged.compareAndSet(false, true)) {
            LOG.warn("cannot refresh access tokens ({}); sessions are kept, and served while their access tokens"
                    + " last. This is logged once until refreshing works again.", LogText.clean(reason));
        }
    }
}
