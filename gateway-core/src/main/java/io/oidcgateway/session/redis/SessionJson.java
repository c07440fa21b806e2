package io.oidcgateway.session.redis;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.PendingLogin;
import io.oidcgateway.session.Session;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Sessions and pending logins as the bytes that are encrypted into Redis. A session is read on
 * every request, so it is written in {@link SessionBytes}' binary form (parsing its 4 KB of tokens
 * as JSON was two thirds of the Redis store's allocation); sessions stored as JSON by earlier
 * versions are still read. The id is not stored: it is only ever known from the cookie.
 */
final class SessionJson {
    private SessionJson() {
    }

    static byte[] session(Session s) {
        return SessionBytes.write(s);
    }

    @SuppressWarnings("unchecked")
    static Session session(String id, byte[] stored) {
        if (!SessionBytes.isJson(stored)) {
            return SessionBytes.read(id, stored);
        }
        Map<String, Object> m = parse(stored);
        IdentityClaims identity = new IdentityClaims((String) m.get("sub"), string(m, "em"),
                Boolean.TRUE.equals(m.get("ev")), string(m, "nm"), string(m, "pu"), (List<String>) m.get("gr"),
                string(m, "sid"));
        return new Session(id, number(m, "v"), identity, (String) m.get("at"), instant(m, "ate"), string(m, "rt"),
                string(m, "it"), instant(m, "c"), instant(m, "e"));
    }

    static byte[] pendingLogin(PendingLogin p) {
        return JsonUtil.toJson(Map.of("s", p.state(), "n", p.nonce(), "cv", p.codeVerifier(), "r", p.returnTo(),
                "b", p.browserBinding())).getBytes(StandardCharsets.UTF_8);
    }

    static PendingLogin pendingLogin(byte[] json) {
        Map<String, Object> m = parse(json);
        return new PendingLogin((String) m.get("s"), (String) m.get("n"), (String) m.get("cv"), (String) m.get("r"),
                (String) m.get("b"));
    }

    private static Map<String, Object> parse(byte[] json) {
        try {
            return JsonUtil.parseJson(new String(json, StandardCharsets.UTF_8));
        } catch (JoseException e) {
            throw new IllegalStateException("a stored session is not JSON", e);
        }
    }

    private static Optional<String> string(Map<String, Object> m, String name) {
        return Optional.ofNullable((String) m.get(name));
    }

    /** Instants keep their full precision: a session read back equals the one stored. */
    private static Instant instant(Map<String, Object> m, String name) {
        return Instant.parse((String) m.get(name));
    }

    private static long number(Map<String, Object> m, String name) {
        return ((Number) m.get(name)).longValue();
    }
}
