package io.oidcgateway.demo;

import java.util.List;

/** A user of the demo identity provider. */
public record DemoUser(String username, String password, String subject, String email, String name,
        List<String> groups) {

    /** The users the demo signs in; their passwords are shown on its login page. */
    public static final List<DemoUser> DEFAULTS = List.of(
            new DemoUser("alice", "alice", "a1b2c3d4-0000-4000-8000-000000000001", "alice@example.com",
                    "Alice Example", List.of("engineering", "admins")),
            new DemoUser("bob", "bob", "a1b2c3d4-0000-4000-8000-000000000002", "bob@example.com",
                    "Bob Example", List.of("sales")));
}
