package io.oidcgateway.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.testing.FakeHttp.Request;
import io.oidcgateway.testing.FakeHttp.Response;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {
    private final RequestIds ids = RequestIds.fast();

    @ParameterizedTest
    @ValueSource(strings = {"a", "abc-DEF_012.345", "0123456789012345678901234567890123456789012345678901234567890123"
            + "0123456789012345678901234567890123456789012345678901234567890123"})
    void plainIdFromTheClientThenKeptAndAnswered(String offered) {
        HttpServletRequest request = Request.get("/").header("X-Request-Id", offered).servlet();
        Response response = new Response();

        assertEquals(offered, ids.of(request, response.servlet()));
        assertEquals(offered, response.header("X-Request-Id").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "new\nline", "quote\"", "ünï", "<script>",
        "01234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
            + "0123456789012345678"})
    void anythingElseThenReplacedByAFreshId(String offered) {
        Response response = new Response();

        String id = ids.of(Request.get("/").header("X-Request-Id", offered).servlet(), response.servlet());

        assertNotEquals(offered, id);
        assertTrue(id.matches("[A-Za-z0-9_-]{20}"), id);
        assertEquals(id, response.header("X-Request-Id").orElseThrow());
    }

    @Test
    void askedTwiceInOneRequestThenTheSameIdAndFreshOnesDiffer() {
        HttpServletRequest request = Request.get("/").servlet();
        String first = ids.of(request, new Response().servlet());

        assertEquals(first, ids.of(request, new Response().servlet()));
        assertNotEquals(first, ids.of(Request.get("/").servlet(), new Response().servlet()));
    }
}
