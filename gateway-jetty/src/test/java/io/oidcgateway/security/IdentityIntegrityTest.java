package io.oidcgateway.security;

import static io.oidcgateway.security.RecordingUpstream.utf8OnTheWire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.demo.DemoUser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Identity headers carry exactly what the IdP said, or nothing: a name outside ISO-8859-1
 * arrives as its UTF-8 bytes, and a value a parser would change (space at either end, a
 * control character, a comma inside a group) is left out rather than turned into another
 * user. The upstream records the bytes it received.
 */
class IdentityIntegrityTest extends RecordedAttackTest {
    static final String LUCJA = "łucja";

    private RecordingUpstream.Received requestAs(String cookie) throws Exception {
        RawHttp.Response r = RawHttp.get(surface.gateway, "/page", "Cookie: gateway_session=" + cookie);
        assertEquals(200, r.status(), r.toString());
        return app.last();
    }

    private static DemoUser user(String name, String subject, List<String> groups) {
        return new DemoUser(name, "pw", subject, "m@example.com", Optional.of(true), "M", groups, "test user");
    }

    private String signIn(DemoUser user) throws Exception {
        surface.system.idp.addUser(user);
        surface.browser.web.getCookieManager().clearCookies();
        io.oidcgateway.e2e.Browser.signIn(surface.browser.open(surface.system.url("/")), user.username(),
                user.password());
        return surface.browser.web.getCookieManager().getCookie("gateway_session").getValue();
    }

    @Test
    void nonLatin1NameThenTheUpstreamReceivesItsUtf8Bytes() throws Exception {
        start(Map.of());
        RecordingUpstream.Received seen = requestAs(surface.signIn(LUCJA));

        assertEquals(Optional.of(utf8OnTheWire(LUCJA)), seen.single("X-Forwarded-Preferred-Username"));
        assertEquals(Optional.of("a1b2c3d4-0000-4000-8000-000000000004"), seen.single("X-Forwarded-User"));
    }

    @Test
    void subjectThatLossyConversionWouldTurnIntoAnotherUserThenItsUtf8Bytes() throws Exception {
        start(Map.of());
        String cookie = signIn(user("aliceŻ", "aliceŻ", List.of("Zespół")));
        RecordingUpstream.Received seen = requestAs(cookie);

        assertEquals(Optional.of(utf8OnTheWire("aliceŻ")), seen.single("X-Forwarded-User"));
        assertEquals(Optional.of(utf8OnTheWire("aliceŻ")), seen.single("X-Forwarded-Preferred-Username"));
        assertEquals(Optional.of(utf8OnTheWire("Zespół")), seen.single("X-Forwarded-Groups"));

        RawHttp.Response auth = RawHttp.get(surface.gateway, "/oauth2/auth", "Cookie: gateway_session=" + cookie);
        assertEquals(202, auth.status(), auth.toString());
        assertEquals(utf8OnTheWire("aliceŻ"), auth.header("X-Auth-Request-User"));
        assertEquals(utf8OnTheWire("aliceŻ"), auth.header("X-Auth-Request-Preferred-Username"));
    }

    @Test
    void valuesAParserWouldChangeThenLeftOutNeverAltered() throws Exception {
        start(Map.of());
        String cookie = signIn(user("alice ", "alice ", List.of("x,admins", " admins", "sales")));
        RecordingUpstream.Received seen = requestAs(cookie);

        assertEquals(List.of(), seen.header("X-Forwarded-User"), "'alice ' would arrive as 'alice'");
        assertEquals(List.of(), seen.header("X-Forwarded-Preferred-Username"));
        assertEquals(List.of("sales"), seen.header("X-Forwarded-Groups"), "never membership of 'admins'");
        assertTrue(seen.single("Authorization").orElseThrow().startsWith("Bearer "), "still signed in");

        RawHttp.Response auth = RawHttp.get(surface.gateway, "/oauth2/auth", "Cookie: gateway_session=" + cookie);
        assertEquals(202, auth.status(), auth.toString());
        assertEquals(null, auth.header("X-Auth-Request-User"));
        assertEquals("sales", auth.header("X-Auth-Request-Groups"));
    }

    @Test
    void unverifiedEmailThenNotForwardedAndNotInUserinfo() throws Exception {
        start(Map.of());
        String carol = surface.signIn("carol");

        assertEquals(List.of(), requestAs(carol).header("X-Forwarded-Email"));
        RawHttp.Response userinfo = RawHttp.get(surface.gateway, "/oauth2/userinfo", "Cookie: gateway_session=" + carol);
        assertFalse(userinfo.body().contains("carol@example.com"), userinfo.body());
        RawHttp.Response auth = RawHttp.get(surface.gateway, "/oauth2/auth", "Cookie: gateway_session=" + carol);
        assertEquals(null, auth.header("X-Auth-Request-Email"), auth.toString());

        assertEquals(Optional.of("alice@example.com"), requestAs(surface.signIn("alice")).single("X-Forwarded-Email"));
        assertEquals(Optional.of("bob@example.com"), requestAs(surface.signIn("bob")).single("X-Forwarded-Email"),
                "a missing email_verified counts as verified");
    }

    @Test
    void unverifiedEmailThenTheEmailDomainRuleRefusesSayingWhy() throws Exception {
        start(Map.of("access.allowed-email-domains", "example.com"));
        String carol = surface.signIn("carol");

        RawHttp.Response refused = RawHttp.get(surface.gateway, "/page", "Accept: text/html",
                "Cookie: gateway_session=" + carol);
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.body().contains("not verified"), refused.body());
        assertEquals(200, RawHttp.get(surface.gateway, "/page", "Cookie: gateway_session=" + surface.signIn("alice"))
                .status());
    }

    @Test
    void unverifiedEmailAllowedByKeyThenPassesAndIsForwarded() throws Exception {
        start(Map.of("access.allowed-email-domains", "example.com", "access.allow-unverified-email", "true"));

        assertEquals(Optional.of("carol@example.com"), requestAs(surface.signIn("carol")).single("X-Forwarded-Email"));
    }

    @Test
    void allowedUsersThenSubOrVerifiedEmailNeverPreferredUsername() throws Exception {
        start(Map.of("access.allowed-users", "bob, carol@example.com, alice@example.com"));

        assertEquals(403, RawHttp.get(surface.gateway, "/page", "Cookie: gateway_session=" + surface.signIn("bob"))
                .status(), "bob is listed by preferred_username only, which users can often choose");
        assertEquals(403, RawHttp.get(surface.gateway, "/page", "Cookie: gateway_session=" + surface.signIn("carol"))
                .status(), "carol's e-mail is not verified");
        assertEquals(200, RawHttp.get(surface.gateway, "/page", "Cookie: gateway_session=" + surface.signIn("alice"))
                .status());
    }

    @Test
    void allowedUsersBySubThenAllowed() throws Exception {
        start(Map.of("access.allowed-users", "a1b2c3d4-0000-4000-8000-000000000002"));

        assertEquals(200, RawHttp.get(surface.gateway, "/page", "Cookie: gateway_session=" + surface.signIn("bob"))
                .status());
    }
}
