package io.oidcgateway.demo;

import java.util.List;
import java.util.Optional;

/**
 * A user of the demo identity provider.
 *
 * @param username also the {@code preferred_username} claim
 * @param emailVerified the {@code email_verified} claim; empty: not sent, as Entra ID does
 * @param note what the user is there to show, on the login page
 */
public record DemoUser(String username, String password, String subject, String email,
        Optional<Boolean> emailVerified, String name, List<String> groups, String note) {

    /** The users the demo signs in; their passwords are shown on its login page. */
    public static final List<DemoUser> DEFAULTS = List.of(
            new DemoUser("alice", "alice", "a1b2c3d4-0000-4000-8000-000000000001", "alice@example.com",
                    Optional.of(true), "Alice Example", List.of("engineering", "admins"), "an administrator"),
            new DemoUser("bob", "bob", "a1b2c3d4-0000-4000-8000-000000000002", "bob@example.com",
                    Optional.empty(), "Bob Example", List.of("sales"), "no email_verified claim, like Entra ID"),
            new DemoUser("carol", "carol", "a1b2c3d4-0000-4000-8000-000000000003", "carol@example.com",
                    Optional.of(false), "Carol Example", List.of("sales"), "an e-mail address the IdP has not verified"),
            new DemoUser("łucja", "łucja", "a1b2c3d4-0000-4000-8000-000000000004", "lucja@example.com",
                    Optional.of(true), "Łucja Żak", List.of("engineering"), "a name outside ISO-8859-1"));
}
