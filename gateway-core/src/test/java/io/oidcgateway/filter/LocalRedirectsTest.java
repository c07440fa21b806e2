package io.oidcgateway.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalRedirectsTest {
    @ParameterizedTest
    @ValueSource(strings = {"//evil.com", "/\\evil.com", "/%09/evil.com", "/\t/evil.com", "%2f%5cevil.com",
            "/%2f%5cevil.com", "/%5cevil.com", "https:evil.com", "https://evil.com\\.app.example",
            "javascript:alert(1)", "evil.com", "", "/\r\nSet-Cookie:x=1", "/ok%0d%0aLocation:x"})
    void sanitizeWhenNotALocalPathThenRoot(String target) {
        assertEquals("/", LocalRedirects.sanitize(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app/page?x=1&y=%2F", "/a/b#frag", "/search?q=//not-a-host"})
    void sanitizeWhenLocalPathThenKept(String target) {
        assertEquals(target, LocalRedirects.sanitize(target));
    }
}
