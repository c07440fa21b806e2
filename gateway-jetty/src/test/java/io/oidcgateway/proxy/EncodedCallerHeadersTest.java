package io.oidcgateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.oidcgateway.filter.CallerHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.util.BufferUtil;
import org.junit.jupiter.api.Test;

class EncodedCallerHeadersTest {
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

    private static CallerHeaders alice() {
        return new CallerHeaders(List.of(
                Map.entry("Authorization", List.of("Bearer " + TOKEN)),
                Map.entry("X-Forwarded-User", List.of("alice")),
                Map.entry("X-Forwarded-Groups", List.of("admins,users"))), true);
    }

    /** What goes on the wire for a field: the upstream must get the very value, nothing else. */
    private static String wire(HttpField field) {
        PreEncodedHttpField encoded = assertInstanceOf(PreEncodedHttpField.class, field);
        ByteBuffer buffer = BufferUtil.allocate(4096);
        int position = BufferUtil.flipToFill(buffer);
        encoded.putTo(buffer, HttpVersion.HTTP_1_1);
        BufferUtil.flipToFlush(buffer, position);
        return StandardCharsets.ISO_8859_1.decode(buffer).toString();
    }

    @Test
    void aSessionsHeadersGoOutEncodedAsTheyWere() {
        List<HttpField> fields = new EncodedCallerHeaders().fields(alice());

        assertEquals(List.of("Authorization", "X-Forwarded-User", "X-Forwarded-Groups"),
                fields.stream().map(HttpField::getName).toList());
        assertEquals("Authorization: Bearer " + TOKEN + "\r\n", wire(fields.get(0)));
        assertEquals("X-Forwarded-User: alice\r\n", wire(fields.get(1)));
        assertEquals("X-Forwarded-Groups: admins,users\r\n", wire(fields.get(2)));
    }

    @Test
    void aSessionsHeadersAreEncodedOnceAndAnEqualButOtherObjectGetsItsOwn() {
        EncodedCallerHeaders encoded = new EncodedCallerHeaders();
        CallerHeaders session = alice();
        assertSame(encoded.fields(session).get(0), encoded.fields(session).get(0));

        List<HttpField> refreshed = encoded.fields(alice());
        assertNotSame(encoded.fields(session).get(0), refreshed.get(0));
        assertEquals(encoded.fields(session).get(0).getValue(), refreshed.get(0).getValue());
    }

    @Test
    void everyValueOfAHeaderIsSentInItsOrderAndNoneSendsNothing() {
        List<HttpField> groups = new EncodedCallerHeaders().fields(new CallerHeaders(List.of(
                Map.entry("X-Forwarded-Groups", List.of("admins", "users"))), true));
        assertEquals(List.of("admins", "users"), groups.stream().map(HttpField::getValue).toList());

        assertEquals(List.of(), new EncodedCallerHeaders().fields(CallerHeaders.NONE));
    }

    /** An API client's headers come once: they go as plain fields, not encoded and not kept. */
    @Test
    void headersMadeForOneRequestAreNotEncoded() {
        EncodedCallerHeaders encoded = new EncodedCallerHeaders();
        CallerHeaders apiClient = new CallerHeaders(alice().entries());
        List<HttpField> fields = encoded.fields(apiClient);
        assertEquals("Bearer " + TOKEN, fields.get(0).getValue());
        assertFalse(fields.get(0) instanceof PreEncodedHttpField);
        assertNotSame(fields.get(0), encoded.fields(apiClient).get(0));
    }
}
