package io.oidcgateway.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.AccessConfig;
import io.oidcgateway.oidc.IdentityClaims;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    static final String SUB = "00000000-0000-4000-8000-00000000000a";

    private static IdentityClaims user(String email, boolean verified, String username, List<String> groups) {
        return new IdentityClaims(SUB, Optional.ofNullable(email), verified, Optional.empty(),
                Optional.ofNullable(username), groups, Optional.empty());
    }

    private static AccessPolicy policy(Set<String> domains, Set<String> groups, Set<String> users) {
        return new AccessPolicy(new AccessConfig(List.of(), domains, groups, "groups", users, Set.of(), false));
    }

    @Test
    void emailDomainsWhenEmailUnverifiedThenRefusedSayingSo() {
        AccessPolicy policy = policy(Set.of("example.com"), Set.of(), Set.of());

        Optional<String> denial = policy.denial(user("carol@example.com", false, null, List.of()));

        assertTrue(denial.orElseThrow().contains("not verified"), denial.get());
        assertEquals(Optional.empty(), policy.denial(user("carol@example.com", true, null, List.of())));
    }

    @Test
    void emailDomainsWhenDomainDiffersOrIsMissingThenRefused() {
        AccessPolicy policy = policy(Set.of("example.com"), Set.of(), Set.of());

        assertTrue(policy.denial(user("eve@evil.example", true, null, List.of())).isPresent());
        assertTrue(policy.denial(user("eve@example.com.evil.example", true, null, List.of())).isPresent());
        assertTrue(policy.denial(user(null, true, null, List.of())).orElseThrow().contains("no email"));
        assertEquals(Optional.empty(), policy.denial(user("Alice@EXAMPLE.COM", true, null, List.of())));
    }

    @Test
    void emailDomainsWhenAUnicodeLookAlikeFoldsToAnAllowedDomainThenRefused() {
        // U+212A KELVIN SIGN lower-cases to 'k' in Unicode.
        AccessPolicy policy = policy(Set.of("kontoso.com"), Set.of(), Set.of());

        assertTrue(policy.denial(user("eve@\u212Aontoso.com", true, null, List.of())).isPresent());
        assertEquals(Optional.empty(), policy.denial(user("alice@Kontoso.com", true, null, List.of())));
    }

    @Test
    void allowedUsersWhenSubListedThenAllowedWhateverTheEmail() {
        AccessPolicy policy = policy(Set.of(), Set.of(), Set.of(SUB));

        assertEquals(Optional.empty(), policy.denial(user(null, false, null, List.of())));
    }

    @Test
    void allowedUsersWhenEmailListedThenOnlyAVerifiedOneCounts() {
        AccessPolicy policy = policy(Set.of(), Set.of(), Set.of("alice@example.com"));

        assertEquals(Optional.empty(), policy.denial(user("alice@example.com", true, null, List.of())));
        assertTrue(policy.denial(user("alice@example.com", false, null, List.of())).isPresent());
    }

    @Test
    void allowedUsersWhenOnlyThePreferredUsernameMatchesThenRefused() {
        AccessPolicy policy = policy(Set.of(), Set.of(), Set.of("alice"));

        assertTrue(policy.denial(user(null, true, "alice", List.of())).isPresent());
    }

    @Test
    void allowedGroupsWhenMemberOfOneThenAllowedElseRefused() {
        AccessPolicy policy = policy(Set.of(), Set.of("admins"), Set.of());

        assertEquals(Optional.empty(), policy.denial(user(null, true, null, List.of("sales", "admins"))));
        assertTrue(policy.denial(user(null, true, null, List.of("sales", "x,admins"))).isPresent());
    }
}
