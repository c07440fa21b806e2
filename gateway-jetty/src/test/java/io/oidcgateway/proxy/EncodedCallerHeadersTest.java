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
import org.eclipse.jetty.http.HttpFields;
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

    private static HttpFields.Mutable forwarded() {
        return HttpFields.build()
                .add("Accept", "text/html")
                .add("authorization", "Bearer the-string-copy")
                .add("X-Forwarded-User", "alice")
                .add("X-Forwarded-Groups", "admins,users")
                .add("X-Forwarded-For", "127.0.0.1");
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
    void theCallersHeadersReplaceTheirStringCopiesAndGoOutAsTheyWere() {
        HttpFields.Mutable headers = forwarded();
        new EncodedCallerHeaders().replace(alice(), headers);

        assertEquals(List.of("Accept", "X-Forwarded-For", "Authorization", "X-Forwarded-User", "X-Forwarded-Groups"),
                headers.stream().map(HttpField::getName).toList());
        assertEquals("Authorization: Bearer " + TOKEN + "\r\n", wire(headers.getField("Authorization")));
        assertEquals("X-Forwarded-User: alice\r\n", wire(headers.getField("X-Forwarded-User")));
        assertEquals("X-Forwarded-Groups: admins,users\r\n", wire(headers.getField("X-Forwarded-Groups")));
        assertEquals("text/html", headers.get("Accept"));
    }

    @Test
    void aSessionsHeadersAreEncodedOnceAndAnEqualButOtherObjectGetsItsOwn() {
        EncodedCallerHeaders encoded = new EncodedCallerHeaders();
        CallerHeaders session = alice();
        HttpFields.Mutable first = forwarded();
        HttpFields.Mutable second = forwarded();
        encoded.replace(session, first);
        encoded.replace(session, second);
        assertSame(first.getField("Authorization"), second.getField("Authorization"));

        HttpFields.Mutable refreshed = forwarded();
        encoded.replace(alice(), refreshed);
        assertNotSame(first.getField("Authorization"), refreshed.getField("Authorization"));
        assertEquals(first.get("Authorization"), refreshed.get("Authorization"));
    }

    @Test
    void everyValueOfAHeaderIsSentInItsOrderAndNoneLeavesTheRequestAsItWas() {
        HttpFields.Mutable headers = HttpFields.build().add("X-Forwarded-Groups", "forged");
        new EncodedCallerHeaders().replace(new CallerHeaders(List.of(
                Map.entry("X-Forwarded-Groups", List.of("admins", "users"))), true), headers);
        assertEquals(List.of("admins", "users"), headers.getValuesList("X-Forwarded-Groups"));

        HttpFields.Mutable untouched = forwarded();
        new EncodedCallerHeaders().replace(CallerHeaders.NONE, untouched);
        assertEquals(forwarded().asImmutable(), untouched.asImmutable());
    }

    /** An API client's headers come once: they go as the forwarded request gave them, not encoded. */
    @Test
    void headersMadeForOneRequestAreLeftAsTheyAre() {
        HttpFields.Mutable headers = forwarded();
        new EncodedCallerHeaders().replace(new CallerHeaders(alice().entries()), headers);
        assertEquals(forwarded().asImmutable(), headers.asImmutable());
        assertFalse(headers.getField("Authorization") instanceof PreEncodedHttpField);
    }
}
