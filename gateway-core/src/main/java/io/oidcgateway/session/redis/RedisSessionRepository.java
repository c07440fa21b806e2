package io.oidcgateway.session.redis;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.session.RandomTokens;
import io.oidcgateway.session.Session;
import io.oidcgateway.session.SessionRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions in Redis, shared by every instance. Each is a hash under {@code gw:s:<HMAC of its id>}
 * with its version ({@code v}, the fence of concurrent refreshes), its end ({@code e}) and the
 * sealed session ({@code d}); the key expires with the session, and each read pushes the idle
 * timeout on. A session keeps the name it was created under for life: after a key rotation it
 * is found under the previous key's name, and its next write seals it with the new key.
 */
final class RedisSessionRepository implements SessionRepository {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSessionRepository.class);
    static final String PREFIX = "gw:s:";
    /** Live sessions by the time their idle timeout runs out: what {@link #count} counts. */
    static final byte[] LIVE = bytes("gw:n:sessions");

    /** Reads a session and extends its idle timeout in one round trip: {data, ttl before, ttl now}, or {}. */
    private static final RedisScript READ = RedisScript.of("""
            local r = redis.call('HMGET', KEYS[1], 'd', 'e')
            if not r[1] then return {} end
            local left = tonumber(r[2]) - tonumber(ARGV[1])
            if left <= 0 then redis.call('DEL', KEYS[1]) return {} end
            local ttl = math.min(tonumber(ARGV[2]), left)
            local before = redis.call('PTTL', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ttl)
            return {r[1], before, ttl}
            """);
    /** Stores a version only over the one read: 1 stored, 0 changed meanwhile, -1 not under this name. */
    private static final RedisScript REPLACE = RedisScript.of("""
            local v = redis.call('HGET', KEYS[1], 'v')
            if not v then return -1 end
            if v ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'v', ARGV[2], 'd', ARGV[3], 'e', ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return 1
            """);
    /** Deletes only the version read: 1 deleted, 0 changed meanwhile, -1 not under this name. */
    private static final RedisScript END = RedisScript.of("""
            local v = redis.call('HGET', KEYS[1], 'v')
            if not v then return -1 end
            if v ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[1])
            return 1
            """);

    private final RedisLink redis;
    private final SessionSealer sealer;
    private final SessionIndex index;
    private final SessionConfig config;
    private final Clock clock;
    private final LocalSessionCopies copies;
    private final SessionChanges changes;
    private final AtomicBoolean unreadableLogged = new AtomicBoolean();

    RedisSessionRepository(RedisLink redis, SessionSealer sealer, SessionConfig config, Clock clock,
            LocalSessionCopies copies, SessionChanges changes) {
        this.redis = redis;
        this.sealer = sealer;
        this.changes = changes;
        this.index = new SessionIndex(redis, sealer, config.ttl(), changes);
        this.config = config;
        this.clock = clock;
        this.copies = copies;
    }

    @Override
    public Optional<Session> get(String id) {
        if (!RandomTokens.wellFormed(id)) {
            return Optional.empty();
        }
        Optional<Session> copy = copies.get(id);
        return copy.isPresent() ? copy : read(id);
    }

    @Override
    public Optional<Session> getLatest(String id) {
        if (!RandomTokens.wellFormed(id)) {
            return Optional.empty();
        }
        copies.drop(id);
        return read(id);
    }

    private Optional<Session> read(String id) {
        long dropsBefore = copies.dropsSoFar();
        long now = clock.millis();
        for (SessionSealer.Generation generation : sealer.generations()) {
            byte[] key = key(generation, id);
            List<Object> found = redis.script(READ, ScriptOutputType.MULTI, key,
                    number(now), number(config.idleTimeout().toMillis()));
            if (found.size() == 3) {
                countLive(key, now, (Long) found.get(1), (Long) found.get(2));
                Optional<Session> session = open(id, key, (byte[]) found.get(0));
                session.ifPresent(s -> copies.keep(id, new String(key, StandardCharsets.UTF_8), s, dropsBefore));
                return session;
            }
        }
        return Optional.empty();
    }

    /** Keeps the live count's entry in step with the idle timeout, but writes it only when it moved by 1%. */
    private void countLive(byte[] key, long now, long ttlBefore, long ttlNow) {
        if (ttlNow - ttlBefore > config.idleTimeout().toMillis() / 100) {
            redis.async(c -> c.zadd(LIVE, now + ttlNow, key));
        }
    }

    private Optional<Session> open(String id, byte[] key, byte[] sealed) {
        Optional<byte[]> json = sealer.openWithAny(sealed, key);
        if (json.isPresent()) {
            return Optional.of(SessionJson.session(id, json.get()));
        }
        if (unreadableLogged.compareAndSet(false, true)) {
            LOG.warn("a session in Redis cannot be decrypted with session.encryption-key or any of"
                    + " session.previous-encryption-keys; its browser signs in again. Was a key removed too soon?"
                    + " This is logged once.");
        }
        return Optional.empty();
    }

    @Override
    public void save(Session session) {
        SessionSealer.Generation current = sealer.current();
        byte[] key = key(current, session.id());
        long ttl = ttl(session);
        redis.sync(c -> {
            c.hset(key, Map.of(bytes("v"), number(session.version()), bytes("d"), seal(session, key),
                    bytes("e"), number(session.expiresAt().toEpochMilli())));
            c.pexpire(key, ttl);
            c.zadd(LIVE, clock.millis() + ttl, key);
            return null;
        });
        index.add(key, session.identity());
    }

    @Override
    public boolean replace(Session current, Session updated) {
        for (SessionSealer.Generation generation : sealer.generations()) {
            byte[] key = key(generation, current.id());
            long ttl = ttl(updated);
            Long result = redis.script(REPLACE, ScriptOutputType.INTEGER, key,
                    number(current.version()), number(updated.version()), seal(updated, key),
                    number(updated.expiresAt().toEpochMilli()), number(ttl));
            if (result >= 0) {
                changed(current.id(), key, result == 1);
                if (result == 1 && !updated.identity().sessionId().equals(current.identity().sessionId())) {
                    index.add(key, updated.identity());
                }
                return result == 1;
            }
        }
        return false;
    }

    @Override
    public void delete(String id) {
        if (!RandomTokens.wellFormed(id)) {
            return;
        }
        for (SessionSealer.Generation generation : sealer.generations()) {
            byte[] key = key(generation, id);
            changed(id, key, redis.sync(c -> c.del(key) + c.zrem(LIVE, key)) > 0);
        }
    }

    @Override
    public boolean end(Session current) {
        for (SessionSealer.Generation generation : sealer.generations()) {
            byte[] key = key(generation, current.id());
            Long result = redis.script(END, ScriptOutputType.INTEGER, key,
                    number(current.version()));
            if (result >= 0) {
                redis.async(c -> c.zrem(LIVE, key));
                changed(current.id(), key, result == 1);
                return result == 1;
            }
        }
        return false;
    }

    /** A write that changed the session (every instance hears of it), or found it changed (this instance's copy is old). */
    private void changed(String id, byte[] key, boolean byThisWrite) {
        if (byThisWrite) {
            changes.publish(key);
        } else {
            copies.drop(id);
        }
    }

    @Override
    public int deleteByIdpSession(String sid) {
        return index.deleteAll("sid", sid);
    }

    @Override
    public int deleteBySubject(String subject) {
        return index.deleteAll("sub", subject);
    }

    @Override
    public long count() {
        long now = clock.millis();
        return redis.sync(c -> {
            c.zremrangebyscore(LIVE, Range.create(0, now));
            return c.zcard(LIVE);
        });
    }

    @Override
    public boolean available() {
        return redis.ping();
    }

    private byte[] key(SessionSealer.Generation generation, String id) {
        return bytes(PREFIX + sealer.name(generation, "session", id));
    }

    private byte[] seal(Session session, byte[] key) {
        return sealer.seal(sealer.current(), SessionJson.session(session), key);
    }

    /** Until the first of the idle timeout and the session's end. */
    private long ttl(Session session) {
        long left = Duration.between(clock.instant(), session.expiresAt()).toMillis();
        return Math.max(1, Math.min(left, config.idleTimeout().toMillis()));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] number(long n) {
        return bytes(Long.toString(n));
    }
}
