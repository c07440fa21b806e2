package io.oidcgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.e2e.GatewayFixture;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's cookies as they go over the wire: HttpOnly, Path=/, SameSite=Lax (None and
 * Secure for form_post), Secure whenever the public URL is https, and no Domain unless one is
 * configured. Read from the raw Set-Cookie header, not from a client's cookie jar.
 */
class CookieFlagsTest {
    @TempDir
    Path dir;

    /** A Set-Cookie header: the name and value, then each attribute (lower-case name) with its value. */
    record SetCookie(String name, String value, Map<String, String> attributes) {
        static SetCookie parse(String header) {
            String[] parts = header.split(";");
            String[] pair = parts[0].trim().split("=", 2);
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].trim().split("=", 2);
                attributes.put(kv[0].toLowerCase(Locale.ROOT), kv.length > 1 ? kv[1] : "");
            }
            return new SetCookie(pair[0], pair[1], attributes);
        }

        boolean has(String attribute) {
            return attributes.containsKey(attribute);
        }
    }

    private static SetCookie cookie(RawHttp.Response r, String name) {
        return Arrays.stream(r.head().split("\r\n"))
                .filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11))
                .map(l -> SetCookie.parse(l.substring(11).trim()))
                .filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie " + name + " in\n" + r.head()));
    }

    private static void assertLaxHttpOnlyRoot(SetCookie c, boolean secure) {
        assertTrue(c.has("httponly"), c.toString());
        assertEquals("/", c.attributes().get("path"), c.toString());
        assertEquals("lax", c.attributes().get("samesite").toLowerCase(Locale.ROOT), c.toString());
        assertEquals(secure, c.has("secure"), c.toString());
        assertTrue(!c.has("domain"), "no Domain unless configured: " + c);
    }

    @Test
    void httpPublicUrlThenHttpOnlyLaxRootCookiesWithoutSecureOrDomain() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            assertLaxHttpOnlyRoot(cookie(RawHttp.get(s.gateway, "/oauth2/start"), "gateway_session_login"), false);
            RawHttp.Response callback = login(s, s.gateway);
            assertLaxHttpOnlyRoot(cookie(callback, "gateway_session"), false);
            SetCookie session = cookie(callback, "gateway_session");
            assertTrue(!session.has("max-age") && !session.has("expires"), "a browser-session cookie: " + session);

            RawHttp.Response out = RawHttp.get(s.gateway, "/oauth2/sign_out",
                    "Cookie: gateway_session=" + session.value());
            SetCookie cleared = cookie(out, "gateway_session");
            assertTrue("0".equals(cleared.attributes().get("max-age"))
                    || String.valueOf(cleared.attributes().get("expires")).contains("1970"), "expired: " + cleared);
            assertLaxHttpOnlyRoot(cleared, false);
        }
    }

    @Test
    void httpsPublicUrlThenEveryCookieIsSecure() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of("server.public-url", "https://gateway.example.test"))) {
            URI local = URI.create("http://127.0.0.1:" + s.system.gateway.localPort());

            assertLaxHttpOnlyRoot(cookie(RawHttp.get(local, "/oauth2/start"), "gateway_session_login"), true);
            assertLaxHttpOnlyRoot(cookie(login(s, local), "gateway_session"), true);
        }
    }

    @Test
    void formPostThenTheLoginCookieIsSameSiteNoneAndSecure() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of("oidc.response-mode", "form_post",
                "server.public-url", "http://localhost"))) {
            SetCookie login = cookie(RawHttp.get(s.gateway, "/oauth2/start"), "gateway_session_login");

            assertEquals("none", login.attributes().get("samesite").toLowerCase(Locale.ROOT), login.toString());
            assertTrue(login.has("secure") && login.has("httponly"), login.toString());
        }
    }

    @Test
    void cookieDomainConfiguredThenSet() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of("session.cookie-domain", "example.test"))) {
            SetCookie login = cookie(RawHttp.get(s.gateway, "/oauth2/start"), "gateway_session_login");

            assertEquals("example.test", login.attributes().get("domain"), login.toString());
        }
    }

    /**
     * Signs alice in at the demo IdP by hand and calls the callback at {@code local}, returning
     * its response: the IdP's redirect names the public URL, which need not resolve here.
     */
    private static RawHttp.Response login(AttackSurface s, URI local) throws Exception {
        RawHttp.Response start = RawHttp.get(local, "/oauth2/start");
        String binding = cookie(start, "gateway_session_login").value();
        URI authorize = URI.create(start.header("Location"));
        Map<String, String> form = new LinkedHashMap<>(query(authorize.getRawQuery()));
        form.put("username", "alice");
        form.put("password", "alice");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(s.system.idp.issuer() + "/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, signedIn.statusCode(), signedIn.body());
        URI callback = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
        return RawHttp.get(local, callback.getRawPath() + "?" + callback.getRawQuery(),
                "Cookie: gateway_session_login=" + binding);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

}
