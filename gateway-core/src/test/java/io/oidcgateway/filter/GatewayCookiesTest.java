package io.oidcgateway.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.testing.FakeHttp;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gateway's cookies as browsers send them: read from the Cookie header, whatever else the site set. */
class GatewayCookiesTest {
    private final GatewayCookies cookies = cookies();

    private static GatewayCookies cookies() {
        try {
            GatewayConfig config = new ConfigLoader(Map.of()).load(Map.of(
                    "upstream.url", "http://app.test", "server.public-url", "https://gw.test",
                    "oidc.issuer", "https://idp.test", "oidc.client-id", "gw",
                    "oidc.client-auth", "client_secret_basic", "oidc.client-secret", "s3cret"), Path.of("."));
            return new GatewayCookies(config.session(), config.server());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<String> sessionIdIn(String... cookieHeaders) {
        FakeHttp.Request request = FakeHttp.Request.get("/");
        for (String header : cookieHeaders) {
            request.header("Cookie", header);
        }
        return cookies.sessionId(request.servlet());
    }

    @Test
    void theSessionCookieIsFoundAmongTheSitesOwnByItsWholeName() {
        assertEquals(Optional.of("abc"), sessionIdIn("theme=dark; gateway_session=abc; lang=en"));
        assertEquals(Optional.of("abc"), sessionIdIn("theme=dark;gateway_session = abc ;lang=en"));
        assertEquals(Optional.of("abc"), sessionIdIn("xgateway_session=forged; gateway_session=abc"));
        assertEquals(Optional.empty(), sessionIdIn("gateway_session_x=1; my_gateway_session=2; =3"));
        assertEquals(Optional.empty(), sessionIdIn());
    }

    @Test
    void theFirstOfSeveralIsTakenAsContainersDoAndQuotesAreNotPartOfTheValue() {
        assertEquals(Optional.of("first"), sessionIdIn("gateway_session=first; gateway_session=second"));
        assertEquals(Optional.of("first"), sessionIdIn("a=1", "gateway_session=\"first\""));
        assertEquals(Optional.of("a=b"), sessionIdIn("gateway_session=a=b"));
        assertEquals(Optional.of(""), sessionIdIn("gateway_session="));
    }

    @Test
    void theLoginBindingIsTheOtherCookie() {
        FakeHttp.Request request = FakeHttp.Request.get("/").header("Cookie", "gateway_session=s; gateway_session_login=l");
        assertEquals(Optional.of("l"), cookies.loginBinding(request.servlet()));
        assertEquals(Optional.of("s"), cookies.sessionId(request.servlet()));
    }
}
