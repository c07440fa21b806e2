package io.oidcgateway.session;

import java.util.Optional;

/**
 * Where sessions live: in this process (Caffeine) today, in Redis for several instances. A
 * session ends when it is deleted or when its absolute lifetime or idle timeout runs out;
 * reading a session counts as using it.
 */
public interface SessionRepository {

    /** The session with this id, if it has not ended; ids that cannot be a session id are not looked up. */
    Optional<Session> get(String id);

    /**
     * The session as stored now, past any copy this instance keeps of it: what a refresh must
     * see before it redeems a refresh token, which another instance may have redeemed already.
     */
    default Optional<Session> getLatest(String id) {
        return get(id);
    }

    /** Stores a new session. */
    void save(Session session);

    /**
     * Replaces a session with a newer version of itself, only if it is unchanged since it was
     * read (not refreshed, not ended meanwhile).
     *
     * @return whether {@code updated} was stored
     */
    boolean replace(Session current, Session updated);

    void delete(String id);

    /**
     * Ends a session only if it is unchanged since it was read: a refresh refused by the IdP must
     * not end the session that another instance's refresh has just renewed.
     *
     * @return whether it was ended
     */
    boolean end(Session current);

    /** Ends every session of one IdP session (back-channel logout); returns how many. */
    int deleteByIdpSession(String sid);

    /** Ends every session of one user (back-channel logout without {@code sid}); returns how many. */
    int deleteBySubject(String subject);

    long count();

    /** Whether the store answers now; {@code /readyz} reports it. */
    default boolean available() {
        return true;
    }
}
