package io.oidcgateway.session;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Starts the session of a completed login: a new random id, never one carried over from before. */
public final class SessionStarter {
    private final SessionRepository sessions;
    private final RandomTokens random;
    private final Duration ttl;
    private final Clock clock;

    /** @param ttl the session's absolute lifetime ({@code session.ttl}) */
    public SessionStarter(SessionRepository sessions, RandomTokens random, Duration ttl, Clock clock) {
        this.sessions = sessions;
        this.random = random;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Session start(IdentityClaims identity, TokenResponse tokens) {
        Instant now = clock.instant();
        Session session = new Session(random.next(), 0, identity, tokens.accessToken(), now.plus(tokens.expiresIn()),
                tokens.refreshToken(), tokens.idToken(), now, now.plus(ttl));
        sessions.save(session);
        return session;
    }
}
