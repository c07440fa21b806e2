package io.oidcgateway.filter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.oidcgateway.session.Session;
import java.util.function.Function;

/**
 * Values made from a session once and kept while it is in use, as they are the same on each of
 * its requests: the headers that say who the caller is. Weak keys compare by identity: a
 * refreshed or re-read session is a new object with its own entry, and an entry goes with its
 * session once the store has let it go.
 */
final class PerSession<V> {
    private final Cache<Session, V> values = Caffeine.newBuilder()
            .weakKeys().maximumSize(CallerHeaders.SESSIONS_KEPT).build();
    private final Function<Session, V> make;

    PerSession(Function<Session, V> make) {
        this.make = make;
    }

    V get(Session session) {
        return values.get(session, make);
    }
}
