package io.oidcgateway.filter;

import io.oidcgateway.config.AccessConfig;
import io.oidcgateway.oidc.IdentityClaims;
import java.util.Locale;
import java.util.Optional;

/** Decides whether a signed-in user may pass: every configured rule must hold. */
public final class AccessPolicy {
    private final AccessConfig config;

    public AccessPolicy(AccessConfig config) {
        this.config = config;
    }

    /** @return why the user is refused, in words the user can read; empty when allowed */
    public Optional<String> denial(IdentityClaims user) {
        if (!config.allowedUsers().isEmpty()
                && !config.allowedUsers().contains(user.subject())
                && user.email().filter(config.allowedUsers()::contains).isEmpty()
                && user.preferredUsername().filter(config.allowedUsers()::contains).isEmpty()) {
            return Optional.of("your account is not on the list of allowed users");
        }
        if (!config.allowedEmailDomains().isEmpty()) {
            Optional<String> domain = user.email().map(e -> e.substring(e.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
            if (domain.filter(config.allowedEmailDomains()::contains).isEmpty()) {
                return Optional.of(user.email().isEmpty() ? "your account has no email address, and an allowed email"
                        + " domain is required" : "the email domain of " + user.email().get() + " is not allowed");
            }
        }
        if (!config.allowedGroups().isEmpty() && user.groups().stream().noneMatch(config.allowedGroups()::contains)) {
            return Optional.of("you are in none of the groups allowed here");
        }
        return Optional.empty();
    }
}
