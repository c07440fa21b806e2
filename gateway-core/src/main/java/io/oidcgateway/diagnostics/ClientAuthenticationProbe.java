package io.oidcgateway.diagnostics;

import io.oidcgateway.oidc.TokenClient;
import io.oidcgateway.oidc.TokenEndpointException;
import java.net.URI;
import java.util.Optional;

/**
 * Proves the IdP accepts the gateway's client authentication without a user: redeems a code
 * that cannot exist. IdPs check the client first, so {@code invalid_grant} means the client
 * passed and only the code was refused; {@code invalid_client} means it did not.
 */
public final class ClientAuthenticationProbe {
    public static final String DUMMY_CODE = "oidc-gateway-check-not-a-real-code";
    private static final String DUMMY_VERIFIER = "oidc-gateway-check-verifier-0123456789-abcdefghij";

    /** @param refusal the IdP's answer when it did not accept the client */
    public record Outcome(boolean accepted, String summary, Optional<TokenEndpointException> refusal) {
    }

    private final TokenClient tokens;

    public ClientAuthenticationProbe(TokenClient tokens) {
        this.tokens = tokens;
    }

    public Outcome probe(URI tokenEndpoint, URI redirectUri) {
        try {
            tokens.redeemCode(tokenEndpoint, DUMMY_CODE, DUMMY_VERIFIER, redirectUri);
            return new Outcome(true, "the IdP accepted the client credentials (and, oddly, a dummy code)",
                    Optional.empty());
        } catch (TokenEndpointException e) {
            if ("invalid_grant".equals(e.error())) {
                return new Outcome(true, "the IdP accepted the client credentials; it refused only the dummy code"
                        + " (invalid_grant), as expected", Optional.empty());
            }
            String summary = e.httpStatus() == TokenEndpointException.UNREACHABLE
                    ? e.description()
                    : "the token endpoint answered HTTP " + e.httpStatus() + " " + e.error()
                            + (e.description().isEmpty() ? "" : ": " + firstLine(e.description()));
            return new Outcome(false, summary, Optional.of(e));
        }
    }

    /** Entra appends trace and correlation ids on further lines; the first line says what is wrong. */
    private static String firstLine(String text) {
        int end = text.indexOf('\r') >= 0 ? text.indexOf('\r') : text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
