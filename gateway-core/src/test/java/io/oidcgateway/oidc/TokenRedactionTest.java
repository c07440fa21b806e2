package io.oidcgateway.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TokenRedactionTest {
    @Test
    void redactWhenJoseDumpAndBareTokenThenBothRemovedAndHostsKept() {
        String text = "Unable to process JOSE object: JsonWebSignature{\"kid\":\"k\",\"alg\":\"RS256\"}->eyJhbGc.eyJzdWIi.sig"
                + " at https://keycloak.example.com/realms/x; token eyJraWQ.eyJpc3M.c2ln";

        assertEquals("Unable to process JOSE object: [token] at https://keycloak.example.com/realms/x; token [token]",
                TokenRedaction.redact(text));
    }
}
