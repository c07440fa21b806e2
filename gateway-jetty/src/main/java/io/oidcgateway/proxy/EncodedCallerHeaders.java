package io.oidcgateway.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.oidcgateway.filter.CallerHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * A caller's identity headers as bytes, encoded once. Jetty's client writes any other header of
 * every upstream request a character at a time (checking each), and the identity's kilobyte and
 * more, the access token above all, took about a tenth of the gateway's CPU under load (JFR). A
 * session's headers are one object while it is in use, so weak keys, which compare by identity,
 * find them again on each of its requests. An API client's, made per request, are left as they
 * are: encoding them (for HPACK too) on each request would cost more than it saves.
 */
final class EncodedCallerHeaders {
    /** As many as the filter keeps headers for; each about twice its headers' size (HTTP/1.1 and HPACK). */
    private final Cache<CallerHeaders, List<HttpField>> encoded = Caffeine.newBuilder()
            .weakKeys().maximumSize(CallerHeaders.SESSIONS_KEPT).build();

    /** The caller's header fields: a session's encoded once, an API client's as plain fields. */
    List<HttpField> fields(CallerHeaders identity) {
        return identity.perSession()
                ? encoded.get(identity, session -> List.copyOf(fields(session, PreEncodedHttpField::new)))
                : fields(identity, HttpField::new);
    }

    private static List<HttpField> fields(CallerHeaders identity, BiFunction<String, String, HttpField> field) {
        List<HttpField> fields = new ArrayList<>(identity.entries().size());
        for (Map.Entry<String, List<String>> header : identity.entries()) {
            header.getValue().forEach(value -> fields.add(field.apply(header.getKey(), value)));
        }
        return fields;
    }
}
