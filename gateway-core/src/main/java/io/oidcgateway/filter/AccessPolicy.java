package io.oidcgateway.filter;

import io.oidcgateway.config.AccessConfig;
import io.oidcgateway.oidc.IdentityClaims;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a signed-in user may pass: every configured rule must hold. Users are matched
 * by {@code sub}, which the IdP fixes, or by an e-mail address only when the IdP vouches for it;
 * never by {@code preferred_username} or an unverified e-mail, which users can often choose.
 */
public final class AccessPolicy {
    private final AccessConfig config;

    public AccessPolicy(AccessConfig config) {
        this.config = config;
    }

    /** @return why the user is refused, in words the user can read; empty when allowed */
    public Optional<String> denial(IdentityClaims user) {
        if (!config.allowedUsers().isEmpty()
                && !config.allowedUsers().contains(user.subject())
                && user.email().filter(config.allowedUsers()::contains).isEmpty()) {
            return Optional.of("your account is not on the list of allowed users");
        }
        if (!config.allowedEmailDomains().isEmpty()) {
            if (user.email().isEmpty()) {
                return Optional.of(user.claimedEmail().map(e -> "the identity provider does not vouch for your email"
                                + " address " + e + " (it is not verified), and an allowed email domain is required")
                        .orElse("your account has no email address, and an allowed email domain is required"));
            }
            String email = user.email().get();
            if (!config.allowedEmailDomains().contains(domain(email))) {
                return Optional.of("the email domain of " + email + " is not allowed");
            }
        }
        if (!config.allowedGroups().isEmpty() && user.groups().stream().noneMatch(config.allowedGroups()::contains)) {
            return Optional.of("you are in none of the groups allowed here");
        }
        return Optional.empty();
    }

    /** The page or JSON a refused user gets, saying why and what to do. */
    public Optional<GatewayError> refusal(IdentityClaims user) {
        return denial(user).map(reason -> {
            String who = user.email().or(user::preferredUsername).orElse(user.subject());
            return GatewayError.of(ErrorCode.ACCESS_DENIED, "You are signed in, but not allowed here",
                    "You are signed in as " + who + ", but " + reason + ". Ask the site's administrator for access,"
                            + " or sign out (" + GatewayPaths.SIGN_OUT + ") and sign in with another account.");
        });
    }

    /**
     * The domain, lower-cased only when it is plain ASCII: Unicode case folding would turn the
     * Kelvin sign into {@code k} and let a look-alike domain match an allowed one.
     */
    private static String domain(String email) {
        String domain = email.substring(email.lastIndexOf('@') + 1);
        return domain.chars().allMatch(c -> c < 0x80) ? domain.toLowerCase(Locale.ROOT) : domain;
    }
}
