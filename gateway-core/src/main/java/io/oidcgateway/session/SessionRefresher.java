package io.oidcgateway.session;

import io.oidcgateway.oidc.TokenClient;
import io.oidcgateway.oidc.TokenEndpointException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import io.oidcgateway.logging.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes a session's access token shortly before it expires. Concurrent requests of one
 * session share one refresh. A refused refresh ({@code invalid_grant}) ends the session; an
 * unreachable IdP keeps it while its access token lasts, and is logged once per outage.
 */
public final class SessionRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRefresher.class);

    /** Where to refresh; empty while the IdP's discovery document cannot be had. */
    public interface TokenEndpoint {
        Optional<URI> get();
    }

    private final SessionStore sessions;
    private final TokenClient tokens;
    private final TokenEndpoint tokenEndpoint;
    private final Duration refreshBefore;
    private final Clock clock;
    private final Map<String, CompletableFuture<Optional<Session>>> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean outageLogged = new AtomicBoolean();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder failures = new LongAdder();

    public SessionRefresher(SessionStore sessions, TokenClient tokens, TokenEndpoint tokenEndpoint,
            Duration refreshBefore, Clock clock) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.tokenEndpoint = tokenEndpoint;
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

    public long refreshes() {
        return refreshes.sum();
    }

    public long failures() {
        return failures.sum();
    }

    private Optional<Session> refresh(Session seen) {
        Optional<Session> stored = sessions.find(seen.id());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Session current = stored.get();
        Instant now = clock.instant();
        if (current.accessTokenExpiresAt().isAfter(seen.accessTokenExpiresAt())) {
            // Another request refreshed it after this one read the old value: its rotated token is the one to use.
            return Optional.of(current);
        }
        Optional<URI> endpoint = tokenEndpoint.get();
        if (endpoint.isEmpty()) {
            logOutageOnce("the IdP's discovery document cannot be loaded");
            return usableOrEnded(current, now);
        }
        try {
            Session refreshed = current.refreshed(tokens.refresh(endpoint.get(), current.refreshToken().orElseThrow()), now);
            sessions.replace(refreshed);
            refreshes.increment();
            if (outageLogged.compareAndSet(true, false)) {
                LOG.info("refreshing access tokens works again");
            }
            return Optional.of(refreshed);
        } catch (TokenEndpointException e) {
            failures.increment();
            if ("invalid_grant".equals(e.error())) {
                sessions.remove(current.id());
                LOG.info("the IdP refused to refresh the session of {} ({}); the session has ended",
                        LogText.clean(current.identity().subject()), LogText.clean(e.error()));
                return Optional.empty();
            }
            logOutageOnce(LogText.clean(e.getMessage()));
            return usableOrEnded(current, now);
        }
    }

    private Optional<Session> usableOrEnded(Session session, Instant now) {
        if (session.accessTokenValid(now)) {
            return Optional.of(session);
        }
        sessions.remove(session.id());
        return Optional.empty();
    }

    private void logOutageOnce(String reason) {
        if (outageLogged.compareAndSet(false, true)) {
            LOG.warn("cannot refresh access tokens ({}); sessions continue while their access tokens last."
                    + " This is logged once until refreshing works again.", reason);
        }
    }
}
