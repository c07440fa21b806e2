package io.oidcgateway.diagnostics;

import java.util.Optional;

/**
 * One thing a diagnostic found.
 *
 * @param idpError the error the IdP answers with, e.g. {@code AADSTS700027: Client assertion ...}
 */
public record Finding(Severity severity, String title, Optional<String> idpError, String fix) {

    public static Finding error(String title, String idpError, String fix) {
        return new Finding(Severity.ERROR, title, Optional.ofNullable(idpError), fix);
    }

    public static Finding warn(String title, String idpError, String fix) {
        return new Finding(Severity.WARN, title, Optional.ofNullable(idpError), fix);
    }

    /** Worth knowing, nothing to fix. */
    public static Finding info(String title) {
        return new Finding(Severity.INFO, title, Optional.empty(), "");
    }
}
