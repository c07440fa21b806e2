package io.oidcgateway.config;

import java.util.List;
import java.util.Set;

/**
 * Who may pass. Each configured rule must hold (a user must be in an allowed domain AND in an
 * allowed group when both are set); within one rule any listed value is enough. Empty sets
 * allow everyone who signed in.
 *
 * @param groupsClaim the ID-token claim with the user's groups ({@code groups}; Entra app roles: {@code roles})
 * @param allowedUsers users allowed by {@code sub}, or by e-mail when it is verified
 * @param bearerAudiences audiences for which API clients may send the IdP's JWT instead of a session
 * @param allowUnverifiedEmail trust an e-mail address the IdP marks as unverified
 */
public record AccessConfig(
        List<SkipPath> skipPaths,
        Set<String> allowedEmailDomains,
        Set<String> allowedGroups,
        String groupsClaim,
        Set<String> allowedUsers,
        Set<String> bearerAudiences,
        boolean allowUnverifiedEmail) {

    public static final String DEFAULT_GROUPS_CLAIM = "groups";

    public AccessConfig {
        skipPaths = List.copyOf(skipPaths);
        allowedEmailDomains = Set.copyOf(allowedEmailDomains);
        allowedGroups = Set.copyOf(allowedGroups);
        allowedUsers = Set.copyOf(allowedUsers);
        bearerAudiences = Set.copyOf(bearerAudiences);
    }

    public static AccessConfig openToEveryone() {
        return new AccessConfig(List.of(), Set.of(), Set.of(), DEFAULT_GROUPS_CLAIM, Set.of(), Set.of(), false);
    }
}
