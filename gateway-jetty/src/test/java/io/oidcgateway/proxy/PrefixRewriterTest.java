package io.oidcgateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oidcgateway.config.RouteConfig;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrefixRewriterTest {
    final PrefixRewriter rewriter = new PrefixRewriter(new RouteConfig("api", "/api",
            URI.create("http://10.0.0.5:8080"), true, Duration.ofSeconds(5)), URI.create("https://app.example.com"));

    @Test
    void locationWhenTheUpstreamsOwnOriginThenThePublicUrlWithThePrefix() {
        assertEquals("https://app.example.com/api/login?next=%2Fx#top",
                rewriter.location("http://10.0.0.5:8080/login?next=%2Fx#top"));
        assertEquals("https://app.example.com/api", rewriter.location("http://10.0.0.5:8080"));
        assertEquals("https://app.example.com/api/x", rewriter.location("HTTP://10.0.0.5:8080/x"));
    }

    @Test
    void locationWhenAnUnprefixedPathThenPrefixedAndAPrefixedOneKept() {
        assertEquals("/api/login", rewriter.location("/login"));
        assertEquals("/api", rewriter.location("/"));
        assertEquals("/api/items", rewriter.location("/api/items"), "already under the prefix");
        assertEquals("/api/apifoo", rewriter.location("/apifoo"), "/apifoo is not under /api: it gets the prefix");
    }

    @Test
    void locationWhenElsewhereThenUntouched() {
        assertEquals("https://login.example.com/authorize", rewriter.location("https://login.example.com/authorize"));
        assertEquals("http://10.0.0.5:9090/x", rewriter.location("http://10.0.0.5:9090/x"), "another port");
        assertEquals("https://10.0.0.5:8080/x", rewriter.location("https://10.0.0.5:8080/x"), "another scheme");
        assertEquals("//evil.example/x", rewriter.location("//evil.example/x"));
        assertEquals("relative/path", rewriter.location("relative/path"));
    }

    @Test
    void setCookieWhenItHasAPathThenPrefixedElseUntouched() {
        assertEquals("sid=1; Path=/api; HttpOnly", rewriter.setCookie("sid=1; Path=/; HttpOnly"));
        assertEquals("sid=1; path=/api/app", rewriter.setCookie("sid=1; path=/app"));
        assertEquals("sid=1; Path=/api/x", rewriter.setCookie("sid=1; Path=/api/x"));
        assertEquals("sid=1; HttpOnly", rewriter.setCookie("sid=1; HttpOnly"));
    }
}
