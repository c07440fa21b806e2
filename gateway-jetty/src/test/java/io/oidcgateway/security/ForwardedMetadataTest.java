package io.oidcgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forwarded metadata from the client never decides authentication nor the redirect URI. */
class ForwardedMetadataTest {
    static final String[] METADATA = {"Accept: text/html", "X-Forwarded-Uri: /public/x", "X-Original-URL: /public/x",
            "X-Rewrite-URL: /public/x", "X-Forwarded-Host: evil.com", "X-Forwarded-Proto: https",
            "X-Forwarded-Prefix: /public", "Forwarded: for=127.0.0.1;host=evil.com;proto=https",
            "X-Forwarded-For: 127.0.0.1", "X-Real-IP: 127.0.0.1", "User-Agent: kube-probe/1.29",
            "X-Original-Host: evil.com"};

    @TempDir
    Path dir;

    @Test
    void protectedPathWithForwardedMetadataThenLoginWithTheConfiguredRedirectUri() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of("access.skip-paths", "/public"))) {
            RawHttp.Response r = RawHttp.get(s.gateway, "/admin", METADATA);

            assertEquals(302, r.status(), r.toString());
            String location = r.header("Location");
            assertTrue(location.startsWith(s.system.idp.issuer() + "/authorize?"), location);
            String redirectUri = URLDecoder.decode(location.replaceAll(".*[?&]redirect_uri=([^&]*).*", "$1"),
                    StandardCharsets.UTF_8);
            assertEquals(s.system.url("/oauth2/callback"), redirectUri);
        }
    }

    @Test
    void apiCallWithForwardedMetadataThen401() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of("access.skip-paths", "/public"))) {
            String[] api = METADATA.clone();
            api[0] = "Accept: application/json";

            assertEquals(401, RawHttp.get(s.gateway, "/admin", api).status());
        }
    }
}
