package io.oidcgateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.config.SessionStoreConfig;
import io.oidcgateway.metrics.PrometheusGatewayMetrics;
import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.TokenEndpointException;
import io.oidcgateway.oidc.TokenResponse;
import io.oidcgateway.testing.FakeIdentityProvider;
import io.oidcgateway.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Refreshing sessions with an IdP the test answers and releases by hand: no sleeps, no sockets. */
class SessionRefresherTest {
    static final IdentityClaims ALICE = new IdentityClaims("alice", Optional.empty(), true, Optional.empty(),
            Optional.empty(), List.of("admins"), Optional.empty());

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final SessionConfig config = new SessionConfig("s", Duration.ofHours(8), Duration.ofHours(2), 100,
            Duration.ofMinutes(10), 100, Duration.ofSeconds(60), Optional.empty(), new SessionStoreConfig.Memory(), true);
    final InMemorySessionRepository sessions = new InMemorySessionRepository(config, clock);
    final FakeIdentityProvider idp = new FakeIdentityProvider();
    final PrometheusGatewayMetrics metrics = new PrometheusGatewayMetrics();
    final SessionRefresher refresher = refresher(RefreshLock.inProcess());
    final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private SessionRefresher refresher(RefreshLock lock) {
        return new SessionRefresher(sessions, idp, lock, metrics, config.refreshBefore(),
                Duration.ofSeconds(15), clock);
    }

    /** A lease another instance holds: never granted here; {@code meanwhile} runs at each try. */
    private static RefreshLock heldElsewhere(Runnable meanwhile) {
        return new RefreshLock() {
            @Override
            public Optional<Lease> tryAcquire(String sessionId) {
                meanwhile.run();
                return Optional.empty();
            }

            @Override
            public void release(Lease lease) {
                throw new AssertionError("never acquired");
            }
        };
    }

    /** The session as another instance's refresh stored it. */
    private Session anotherInstancesRefresh(Session session) {
        return session.refreshed(FakeIdentityProvider.tokens("their-at", Optional.empty(), "their-rt"),
                Optional.empty(), clock.instant());
    }

    private Session signedIn() {
        return new SessionStarter(sessions, new RandomTokens(new SecureRandom()), config.ttl(), clock)
                .start(ALICE, new TokenResponse("at-1", Optional.of("id-1"), Optional.of("rt-1"), Duration.ofHours(1)));
    }

    private void dueForRefresh() {
        clock.advance(Duration.ofMinutes(59).plusSeconds(30));
    }

    @Test
    void freshWhenNotDueThenTheSameSessionAndNoCall() {
        Session session = signedIn();

        assertEquals(Optional.of(session), refresher.fresh(session));
        assertEquals(0, idp.refreshCalls());
    }

    @Test
    void freshWhenEightRequestsAreDueAtOnceThenOneRefreshServesThemAll() throws Exception {
        Session session = signedIn();
        dueForRefresh();
        CountDownLatch gate = idp.holdRefreshes();
        CountDownLatch started = new CountDownLatch(8);
        List<Future<Optional<Session>>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                started.countDown();
                return refresher.fresh(session);
            }));
        }
        started.await();
        while (idp.refreshCalls() == 0) {
            Thread.onSpinWait();
        }
        gate.countDown();

        for (Future<Optional<Session>> result : results) {
            assertEquals("refreshed-at", result.get().orElseThrow().accessToken());
        }
        assertEquals(1, idp.refreshCalls());
        assertEquals("refreshed-rt", sessions.get(session.id()).orElseThrow().refreshToken().orElseThrow());
    }

    @Test
    void freshWhenTheIdpRefusesTheRefreshTokenThenTheSessionEnds() {
        Session session = signedIn();
        dueForRefresh();
        idp.refreshAnswers(rt -> {
            throw new TokenEndpointException(400, "invalid_grant", "AADSTS70008: expired", List.of("70008"));
        });

        assertEquals(Optional.empty(), refresher.fresh(session));
        assertFalse(sessions.get(session.id()).isPresent());
    }

    @Test
    void freshWhenTheIdpCannotBeReachedThenTheSessionIsKeptAndRefusedOnlyOnceItsTokenExpired() {
        Session session = signedIn();
        dueForRefresh();
        idp.refreshAnswers(rt -> {
            throw new TokenEndpointException(TokenEndpointException.UNREACHABLE, "unreachable", "down", List.of());
        });

        assertEquals("at-1", refresher.fresh(session).orElseThrow().accessToken(), "still valid for 30 s");
        clock.advance(Duration.ofSeconds(31));
        assertThrows(RenewalUnavailableException.class, () -> refresher.fresh(session));
        assertEquals(Optional.of(session), sessions.get(session.id()), "an outage signs nobody out");

        idp.refreshAnswers(rt -> FakeIdentityProvider.tokens("at-2", Optional.empty(), "rt-2"));
        assertEquals("at-2", refresher.fresh(session).orElseThrow().accessToken(), "the same session, once it is back");
    }

    @Test
    void freshWhenTheIdpAnswers5xxThenTheSessionIsKept() {
        Session session = signedIn();
        clock.advance(Duration.ofHours(1));
        idp.refreshAnswers(rt -> {
            throw new TokenEndpointException(503, "temporarily_unavailable", "maintenance", List.of());
        });

        assertThrows(RenewalUnavailableException.class, () -> refresher.fresh(session));
        assertTrue(sessions.get(session.id()).isPresent());
    }

    @Test
    void freshWhenAnotherInstanceRefreshedFirstThenItsRefusalOfTheOldTokenDoesNotEndTheSession() {
        Session session = signedIn();
        dueForRefresh();
        Session theirs = anotherInstancesRefresh(session);
        idp.refreshAnswers(rt -> {
            sessions.replace(session, theirs);
            throw new TokenEndpointException(400, "invalid_grant", "refresh token already used", List.of());
        });

        assertEquals(Optional.of(theirs), refresher.fresh(session));
        assertEquals(Optional.of(theirs), sessions.get(session.id()));
    }

    @Test
    void freshWhileAnotherInstanceHoldsTheLeaseThenItsResultIsUsedWithoutAGrant() {
        Session session = signedIn();
        dueForRefresh();
        Session theirs = anotherInstancesRefresh(session);
        AtomicInteger tries = new AtomicInteger();
        RefreshLock heldElsewhere = heldElsewhere(() -> {
            if (tries.incrementAndGet() == 3) {
                sessions.replace(session, theirs);
            }
        });

        assertEquals(Optional.of(theirs), refresher(heldElsewhere).fresh(session));
        assertEquals(0, idp.refreshCalls());
        assertEquals(3, tries.get());
    }

    @Test
    void freshWhenAnotherInstanceNeverFinishesThenItGivesUpWithoutAGrant() {
        Session session = signedIn();
        clock.advance(Duration.ofHours(1));
        RefreshLock heldElsewhere = heldElsewhere(() -> clock.advance(Duration.ofSeconds(4)));

        assertThrows(RenewalUnavailableException.class, () -> refresher(heldElsewhere).fresh(session));
        assertEquals(0, idp.refreshCalls());
        assertTrue(sessions.get(session.id()).isPresent());
    }

    @Test
    void freshWhenDiscoveryFailsThenLikeAnOutage() {
        Session session = signedIn();
        dueForRefresh();
        idp.refreshAnswers(rt -> {
            throw new DiscoveryException("down");
        });

        assertTrue(refresher.fresh(session).isPresent());
    }

    @Test
    void freshWhenTheRefreshedIdTokenNamesAnotherUserThenTheSessionEnds() {
        Session session = signedIn();
        dueForRefresh();
        IdentityClaims mallory = new IdentityClaims("mallory", Optional.empty(), true, Optional.empty(),
                Optional.empty(), List.of(), Optional.empty());
        idp.refreshAnswers(rt -> FakeIdentityProvider.tokens("at-2", Optional.of(idp.idTokenFor(mallory)), "rt-2"));

        assertEquals(Optional.empty(), refresher.fresh(session));
        assertFalse(sessions.get(session.id()).isPresent());
    }

    @Test
    void freshWhenTheRefreshedIdTokenCannotBeValidatedThenTheSessionEnds() {
        Session session = signedIn();
        dueForRefresh();
        idp.refreshAnswers(rt -> FakeIdentityProvider.tokens("at-2", Optional.of("forged-id-token"), "rt-2"));

        assertEquals(Optional.empty(), refresher.fresh(session));
        assertFalse(sessions.get(session.id()).isPresent());
    }

    @Test
    void freshWhenTheRefreshedIdTokenIsValidThenIdentityAndGroupsAreRenewed() {
        Session session = signedIn();
        dueForRefresh();
        IdentityClaims moved = new IdentityClaims("alice", Optional.empty(), true, Optional.empty(), Optional.empty(),
                List.of("sales"), Optional.empty());
        idp.refreshAnswers(rt -> FakeIdentityProvider.tokens("at-2", Optional.of(idp.idTokenFor(moved)), "rt-2"));

        Session refreshed = refresher.fresh(session).orElseThrow();

        assertEquals(List.of("sales"), refreshed.identity().groups());
        assertEquals(List.of("sales"), sessions.get(session.id()).orElseThrow().identity().groups());
    }

    @Test
    void freshWhenTheSessionEndsDuringTheRefreshThenItStaysEnded() throws Exception {
        Session session = signedIn();
        dueForRefresh();
        CountDownLatch gate = idp.holdRefreshes();
        Future<Optional<Session>> refreshing = pool.submit(() -> refresher.fresh(session));
        while (idp.refreshCalls() == 0) {
            Thread.onSpinWait();
        }
        sessions.delete(session.id());
        gate.countDown();

        assertEquals(Optional.empty(), refreshing.get());
        assertFalse(sessions.get(session.id()).isPresent(), "a sign-out during the refresh is not undone");
    }

    @Test
    void freshWhenRefreshedThenCountedAndARefusalCountedAsAFailure() {
        Session session = signedIn();
        dueForRefresh();
        refresher.fresh(session);
        Session other = signedIn();
        clock.advance(Duration.ofHours(1));
        idp.refreshAnswers(rt -> {
            throw new TokenEndpointException(400, "invalid_grant", "revoked", List.of());
        });
        refresher.fresh(other);

        assertTrue(metrics.scrape().contains("gateway_token_refreshes_total{outcome=\"ok\"} 1.0\n"), metrics.scrape());
        assertTrue(metrics.scrape().contains("gateway_token_refreshes_total{outcome=\"failed\"} 1.0\n"), metrics.scrape());
    }

    @Test
    void freshWithoutARefreshTokenThenServedWhileTheTokenLastsThenEnded() {
        Session session = new SessionStarter(sessions, new RandomTokens(new SecureRandom()), config.ttl(), clock)
                .start(ALICE, new TokenResponse("at-1", Optional.empty(), Optional.empty(), Duration.ofHours(1)));
        dueForRefresh();

        assertEquals(Optional.of(session), refresher.fresh(session), "still valid for 30 s");
        clock.advance(Duration.ofSeconds(31));
        assertEquals(Optional.empty(), refresher.fresh(session));
        assertFalse(sessions.get(session.id()).isPresent());
        assertEquals(0, idp.refreshCalls());
    }

    @Test
    void freshWhenAnotherRefreshStoredANewerVersionDuringOursThenTheNewerOneIsUsed() {
        Session session = signedIn();
        dueForRefresh();
        Session theirs = anotherInstancesRefresh(session);
        idp.refreshAnswers(rt -> {
            sessions.replace(session, theirs);
            return FakeIdentityProvider.tokens("our-at", Optional.empty(), "our-rt");
        });

        assertEquals(Optional.of(theirs), refresher.fresh(session), "ours lost the fence: the stored one is used");
        assertEquals(Optional.of(theirs), sessions.get(session.id()));
    }

    @Test
    void freshWhenTheLeaseComesAfterAnotherInstanceFinishedThenNoSecondGrant() {
        Session session = signedIn();
        dueForRefresh();
        Session theirs = anotherInstancesRefresh(session);
        RefreshLock freedJustNow = new RefreshLock() {
            @Override
            public Optional<Lease> tryAcquire(String sessionId) {
                sessions.replace(session, theirs);
                return Optional.of(new Lease(sessionId, "us"));
            }

            @Override
            public void release(Lease lease) {
                // nothing held elsewhere
            }
        };

        assertEquals(Optional.of(theirs), refresher(freedJustNow).fresh(session));
        assertEquals(0, idp.refreshCalls());
    }

    @Test
    void livenessThenEndedBySignOutOrARefusedRefreshButNotByAnUnreachableIdp() {
        SessionLiveness liveness = new SessionLiveness(sessions, refresher);
        Session kept = signedIn();
        Session signedOut = signedIn();
        Session refused = signedIn();
        sessions.delete(signedOut.id());
        clock.advance(Duration.ofHours(1));
        idp.refreshAnswers(rt -> {
            throw new TokenEndpointException(TokenEndpointException.UNREACHABLE, "unreachable", "down", List.of());
        });

        assertTrue(liveness.lives(kept.id()), "an IdP outage is not an ending");
        assertFalse(liveness.lives(signedOut.id()));
        idp.refreshAnswers(rt -> {
            throw new TokenEndpointException(400, "invalid_grant", "revoked", List.of());
        });
        assertFalse(liveness.lives(refused.id()), "a refused refresh ends it even with no request in between");
        assertFalse(liveness.lives(random()));
    }

    private static String random() {
        return new RandomTokens(new SecureRandom()).next();
    }
}
