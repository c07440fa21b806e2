package io.oidcgateway.filter;

import io.oidcgateway.oidc.IdpErrorCatalogue;
import java.util.Optional;

/**
 * A failure a person must act on.
 *
 * @param title one line in plain words
 * @param detail what happened; may contain IdP text, so it is escaped wherever it is shown
 * @param hint the catalogue's cause and fix, when the error is a known one
 */
public record GatewayError(ErrorCode code, String title, String detail, Optional<IdpErrorCatalogue.Entry> hint) {

    public static GatewayError of(ErrorCode code, String title, String detail) {
        return new GatewayError(code, title, detail, Optional.empty());
    }

    public int status() {
        return code.status();
    }
}
