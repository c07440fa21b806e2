package io.oidcgateway.filter;

import io.oidcgateway.oidc.IdpErrorCatalogue;
import java.util.Optional;

/**
 * A failure a person must act on.
 *
 * @param code a stable machine-readable name, such as {@code token_endpoint_refused}
 * @param title one line in plain words
 * @param detail what happened; may contain IdP text, so it is escaped wherever it is shown
 * @param hint the catalogue's cause and fix, when the error is a known one
 */
public record GatewayError(int status, String code, String title, String detail,
        Optional<IdpErrorCatalogue.Entry> hint) {

    public static GatewayError of(int status, String code, String title, String detail) {
        return new GatewayError(status, code, title, detail, Optional.empty());
    }
}
