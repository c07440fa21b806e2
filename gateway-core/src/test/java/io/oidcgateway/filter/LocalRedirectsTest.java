package io.oidcgateway.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalRedirectsTest {
    @ParameterizedTest
    @ValueSource(strings = {"//evil.com", "/\\evil.com", "/%09/evil.com", "/\t/evil.com", "%2f%5cevil.com",
            "/%2f%5cevil.com", "/%5cevil.com", "https:evil.com", "https://evil.com\\.app.example",
            "javascript:alert(1)", "evil.com", "", "/\r\nSet-Cookie:x=1", "/ok%0d%0aLocation:x",
            "/.//evil.example", "/x/..//evil.example", "/%2e//evil.example", "/.%2f/evil.example",
            "/%2E%2E//evil.example", "/x/../\\evil.example", "/;//evil.example", "/a?b\\c", "/a?b c", "/a?%zz",
            "/a#x\u0000", "/a?%4", "/a?%", "/a?b%4g"})
    void sanitizeWhenNotALocalPathThenRoot(String target) {
        assertEquals("/", LocalRedirects.sanitize(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app/page?x=1&y=%2F", "/a/b#frag", "/search?q=//not-a-host",
            "/caf%C3%A9?q=a+b&r=%2e%2e", "/reports?year=2026#top", "/a?%41", "/a#b?c", "/a?%0A", "/a?%A0"})
    void sanitizeWhenLocalPathThenKept(String target) {
        assertEquals(target, LocalRedirects.sanitize(target));
    }

    @org.junit.jupiter.api.Test
    void sanitizeWhenLongerThanTheLimitThenRoot() {
        String longest = "/" + "a".repeat(LocalRedirects.MAX_LENGTH - 1);
        assertEquals(longest, LocalRedirects.sanitize(longest));
        assertEquals("/", LocalRedirects.sanitize(longest + "a"));
    }
}
