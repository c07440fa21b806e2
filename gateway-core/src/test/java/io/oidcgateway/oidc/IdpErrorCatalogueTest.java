package io.oidcgateway.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class IdpErrorCatalogueTest {
    final IdpErrorCatalogue catalogue = new IdpErrorCatalogue();

    @Test
    void lookupWhenEntraErrorCodesThenTheEntraEntryWins() {
        IdpErrorCatalogue.Entry e = catalogue.lookup("invalid_client", "AADSTS700027: Client assertion ...",
                List.of("700027")).orElseThrow();

        assertEquals("AADSTS700027", e.code());
        assertTrue(e.fix().contains("client.crt"));
    }

    @Test
    void lookupWhenOnlyTheDescriptionNamesTheCodeThenFound() {
        assertEquals("AADSTS5002723", catalogue.lookup("invalid_request",
                "AADSTS5002723: Invalid JWT token. No certificate thumbprint nor keyId specified in token header.",
                List.of()).orElseThrow().code());
    }

    @Test
    void lookupWhenKeycloakTextThenKeycloakEntry() {
        assertEquals("Invalid client or Invalid client credentials", catalogue.lookup("unauthorized_client",
                "Invalid client or Invalid client credentials", List.of()).orElseThrow().code());
    }

    @Test
    void lookupWhenUnknownCodeThenTheOAuthErrorEntry() {
        assertEquals("invalid_grant", catalogue.lookup("invalid_grant", "AADSTS1: unknown", List.of("1"))
                .orElseThrow().code());
        assertTrue(catalogue.lookup("made_up", "", List.of()).isEmpty());
    }

    @Test
    void catalogueHoldsTheConfidentialClientCodesTheIssueNames() {
        Stream.of("5002723", "700027", "700024", "700023", "700021", "7000215", "7000218", "7000222", "5002738",
                "90014", "50027", "700016", "50011", "50148", "501481", "70000", "70008", "54005", "65001")
                .forEach(code -> assertTrue(catalogue.entraCode(code).isPresent(), code));
    }
}
