package io.oidcgateway.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityMappingTest {

    private static JwtClaims claims(Object emailVerified, Object edov) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("s");
        claims.setStringClaim("email", "carol@example.com");
        if (emailVerified != null) {
            claims.setClaim("email_verified", emailVerified);
        }
        if (edov != null) {
            claims.setClaim("xms_edov", edov);
        }
        return claims;
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "-, -, true",
            "true, -, true",
            "s:true, -, true",
            "false, -, false",
            "s:false, -, false",
            "0, -, false",
            "-, false, false",
            "true, false, false",
            "-, true, true"})
    void identityWhenEmailVerifiedClaimsThenOnlyAnAddressTheIdpVouchesForIsTrusted(String verified, String edov,
            boolean trusted) throws Exception {
        IdentityClaims id = new IdentityMapping("groups", false).identity(claims(value(verified), value(edov)));

        assertEquals(trusted, id.emailVerified());
        assertEquals(trusted ? Optional.of("carol@example.com") : Optional.empty(), id.email());
        assertEquals(Optional.of("carol@example.com"), id.claimedEmail());
    }

    @Test
    void identityWhenUnverifiedEmailAllowedThenTrusted() throws Exception {
        IdentityClaims id = new IdentityMapping("groups", true).identity(claims(false, null));

        assertEquals(Optional.of("carol@example.com"), id.email());
    }

    @Test
    void identityWhenGroupsClaimConfiguredThenReadFromIt() throws Exception {
        JwtClaims claims = claims(null, null);
        claims.setStringListClaim("roles", "Reader", "Writer");
        claims.setStringClaim("groups", "ignored");

        assertEquals(List.of("Reader", "Writer"), new IdentityMapping("roles", false).identity(claims).groups());
        assertEquals(List.of("ignored"), new IdentityMapping("groups", false).identity(claims).groups());
    }

    /** {@code s:x} is the string x (as Cognito sends the flag); bare true/false/0 are a JSON boolean or number. */
    private static Object value(String csv) {
        if (csv == null) {
            return null;
        }
        if (csv.startsWith("s:")) {
            return csv.substring(2);
        }
        return switch (csv) {
            case "true" -> true;
            case "false" -> false;
            default -> Long.parseLong(csv);
        };
    }
}
