package io.oidcgateway.session.redis;

import static io.oidcgateway.session.redis.RedisSessionRepository.LIVE;
import static io.oidcgateway.session.redis.RedisSessionRepository.bytes;

import io.oidcgateway.oidc.IdentityClaims;
import java.time.Duration;
import java.util.Set;

/**
 * Which sessions belong to one IdP session ({@code sid}) or one user ({@code sub}), so that a
 * sign-out or back-channel logout on any instance ends them on all. Sets of session keys under
 * {@code gw:i:<HMAC>}: neither the sid nor the subject appears in Redis. An entry outlives its
 * session at most until the set expires, {@code session.ttl} after its last addition.
 */
final class SessionIndex {
    private final RedisLink redis;
    private final SessionSealer sealer;
    private final Duration ttl;
    private final SessionChanges changes;

    SessionIndex(RedisLink redis, SessionSealer sealer, Duration ttl, SessionChanges changes) {
        this.redis = redis;
        this.sealer = sealer;
        this.ttl = ttl;
        this.changes = changes;
    }

    void add(byte[] sessionKey, IdentityClaims identity) {
        identity.sessionId().ifPresent(sid -> add("sid", sid, sessionKey));
        add("sub", identity.subject(), sessionKey);
    }

    private void add(String kind, String value, byte[] sessionKey) {
        byte[] index = key(sealer.current(), kind, value);
        redis.sync(c -> c.sadd(index, sessionKey) + (c.pexpire(index, ttl.toMillis()) ? 1 : 0));
    }

    /** Ends every session listed under this sid or subject, under every key generation; returns how many. */
    int deleteAll(String kind, String value) {
        int ended = 0;
        for (SessionSealer.Generation generation : sealer.generations()) {
            byte[] index = key(generation, kind, value);
            Set<byte[]> sessions = redis.sync(c -> c.smembers(index));
            for (byte[] session : sessions) {
                ended += redis.sync(c -> c.del(session)).intValue();
                redis.async(c -> c.zrem(LIVE, session));
                changes.publish(session);
            }
            redis.sync(c -> c.del(index));
        }
        return ended;
    }

    private byte[] key(SessionSealer.Generation generation, String kind, String value) {
        return bytes("gw:i:" + sealer.name(generation, kind, value));
    }
}
