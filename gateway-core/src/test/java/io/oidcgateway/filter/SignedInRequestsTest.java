package io.oidcgateway.filter;

import static io.oidcgateway.testing.FakeHttp.query;
import static io.oidcgateway.testing.FakeHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.http.RequestPath;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.PendingLoginRepository;
import io.oidcgateway.session.RefreshLock;
import io.oidcgateway.session.SessionRepository;
import io.oidcgateway.session.SessionStore;
import io.oidcgateway.session.SessionStoreUnavailableException;
import io.oidcgateway.session.SessionStores;
import io.oidcgateway.testing.FakeHttp.Chain;
import io.oidcgateway.testing.FakeHttp.Request;
import io.oidcgateway.testing.FakeHttp.Response;
import io.oidcgateway.testing.FakeIdentityProvider;
import io.oidcgateway.testing.MutableClock;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The short path's decision against the filter's, request by request: whatever it passes on, the
 * filter passes on too, with the very identity headers; whatever the filter answers itself or
 * passes on otherwise (renewed, without identity), it leaves to the filter.
 */
class SignedInRequestsTest {
    static final IdentityClaims ALICE = OidcGatewayFilterTest.ALICE;

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final FakeIdentityProvider idp = new FakeIdentityProvider();
    boolean storeDown;
    Gateway gateway;
    OidcGatewayFilter filter;

    private void start(Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>(Map.of(
                "upstream.url", "http://app.test",
                "server.public-url", "https://gw.test",
                "oidc.issuer", "https://idp.test",
                "oidc.client-id", "gw",
                "oidc.client-auth", "client_secret_basic",
                "oidc.client-secret", "s3cret",
                "access.skip-paths", "/public, POST /hooks"));
        props.putAll(extra);
        GatewayConfig config = new ConfigLoader(Map.of()).load(props, Path.of("."));
        gateway = GatewayBuilder.forConfig(config).clock(clock).identityProvider(idp)
                .sessionStore(failingWhenDown(SessionStores.open(config.session(), clock))).build();
        filter = gateway.filter();
    }

    /** The store, whose reads fail while {@link #storeDown}, as Redis's do while it is away. */
    private SessionStore failingWhenDown(SessionStore store) {
        SessionRepository sessions = (SessionRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SessionRepository.class}, (proxy, method, args) -> {
                    if (storeDown && method.getName().equals("get")) {
                        throw new SessionStoreUnavailableException("store away", null);
                    }
                    try {
                        return method.invoke(store.sessions(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new SessionStore() {
            @Override
            public SessionRepository sessions() {
                return sessions;
            }

            @Override
            public PendingLoginRepository pendingLogins() {
                return store.pendingLogins();
            }

            @Override
            public RefreshLock refreshLock() {
                return store.refreshLock();
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    private String signIn() throws Exception {
        Response started = send(filter, Request.get("/").browser());
        String state = query(started.header("Location").orElseThrow()).get("state");
        idp.issueCode("code-" + state, ALICE);
        Response callback = send(filter, Request.get("/oauth2/callback?state=" + state + "&code=code-" + state)
                .cookies(started));
        return callback.cookie("gateway_session").orElseThrow().getValue();
    }

    /** The short path's decision, then the filter's on the same request; the two must agree. */
    private Optional<Admitted> bothDecide(Request request) throws Exception {
        HttpServletRequest servlet = request.servlet();
        Optional<Admitted> admitted = gateway.signedIn().admit(servlet.getMethod(),
                RequestPath.parse(servlet.getRequestURI()), Collections.list(servlet.getHeaders("Cookie")),
                servlet.getRemoteAddr());
        Chain chain = new Chain();
        Response answered = send(filter, request, chain);
        if (admitted.isPresent()) {
            ForwardedIdentityRequest passed = (ForwardedIdentityRequest) chain.passed().orElseThrow(
                    () -> new AssertionError("the filter answered " + answered.status() + " where the short path passed"));
            assertSame(passed.identity(), admitted.get().identity());
            assertEquals("alice-sub", admitted.get().subject());
        }
        return admitted;
    }

    @Test
    void aSignedInRequestIsPassedOnWithTheIdentityTheFilterAdds() throws Exception {
        start(Map.of());
        String session = signIn();

        Admitted admitted = bothDecide(Request.get("/reports?y=1").cookie("theme", "dark")
                .cookie("gateway_session", session)).orElseThrow();

        assertEquals(session, admitted.sessionId());
        assertEquals("Bearer at-alice-sub", admitted.identity().entries().get(0).getValue().get(0));
        assertEquals("theme=dark", admitted.rule().forwardedValue("Cookie", "theme=dark; gateway_session=" + session));
        assertNull(admitted.rule().forwardedValue("X-Forwarded-For", "6.6.6.6"), "the peer is not a trusted proxy");
    }

    @Test
    void fromATrustedProxyTheRuleKeepsItsForwardingHeaders() throws Exception {
        start(Map.of("server.trusted-proxies", "127.0.0.1/32"));
        String session = signIn();

        Admitted admitted = bothDecide(Request.get("/page").cookie("gateway_session", session)).orElseThrow();

        assertEquals("203.0.113.9", admitted.rule().forwardedValue("X-Forwarded-For", "203.0.113.9"));
    }

    @Test
    void fromAPeerOutsideTheTrustedProxiesTheRuleDropsThem() throws Exception {
        start(Map.of("server.trusted-proxies", "10.0.0.0/8"));
        String session = signIn();

        Admitted admitted = bothDecide(Request.get("/page").cookie("gateway_session", session)).orElseThrow();

        assertNull(admitted.rule().forwardedValue("X-Forwarded-For", "203.0.113.9"));
    }

    @Test
    void whatTheFilterAnswersItselfOrPassesOnOtherwiseIsLeftToIt() throws Exception {
        start(Map.of());
        String session = signIn();

        for (Request request : List.of(
                Request.get("/page"),
                Request.get("/page").cookie("gateway_session", "unknown-session-xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                Request.get("/oauth2/userinfo").cookie("gateway_session", session),
                Request.get("/oauth2/auth").cookie("gateway_session", session),
                Request.get("/healthz").cookie("gateway_session", session),
                Request.get("/public/logo.png").cookie("gateway_session", session),
                new Request("POST", "/hooks/build").cookie("gateway_session", session))) {
            assertTrue(bothDecide(request).isEmpty(), request.servlet().toString());
        }
        assertTrue(bothDecide(new Request("GET", "/hooks/build").cookie("gateway_session", session)).isPresent(),
                "a skip path for POST only");
    }

    @Test
    void aRefusalByTheAccessRulesIsLeftToTheFilter() throws Exception {
        start(Map.of("access.allowed-groups", "finance"));
        String session = signIn();

        assertTrue(bothDecide(Request.get("/page").cookie("gateway_session", session)).isEmpty());
    }

    @Test
    void aSessionDueForRenewalIsLeftToTheFilterWhichRenewsIt() throws Exception {
        start(Map.of());
        String session = signIn();
        clock.advance(Duration.ofMinutes(59).plusSeconds(30));

        assertTrue(bothDecide(Request.get("/page").cookie("gateway_session", session)).isEmpty());
        assertEquals(1, idp.refreshCalls());
        assertTrue(bothDecide(Request.get("/page").cookie("gateway_session", session)).isPresent(), "renewed");
    }

    @Test
    void anEndedSessionOrAStoreThatCannotBeReadIsLeftToTheFilter() throws Exception {
        start(Map.of());
        String session = signIn();

        storeDown = true;
        assertTrue(bothDecide(Request.get("/page").cookie("gateway_session", session)).isEmpty());
        storeDown = false;
        send(filter, Request.get("/oauth2/sign_out").cookie("gateway_session", session));
        assertTrue(bothDecide(Request.get("/page").cookie("gateway_session", session)).isEmpty());
    }
}
