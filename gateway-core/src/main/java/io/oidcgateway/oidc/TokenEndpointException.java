package io.oidcgateway.oidc;

import java.util.List;
import java.util.Optional;

/**
 * The token endpoint refused a request or could not be reached.
 *
 * @see IdpErrorCatalogue for what each error means and how to fix it
 */
public final class TokenEndpointException extends Exception {
    /** Status used when the token endpoint could not be reached at all. */
    public static final int UNREACHABLE = 0;

    private final int httpStatus;
    private final String error;
    private final String description;
    private final List<String> errorCodes;

    public TokenEndpointException(int httpStatus, String error, String description, List<String> errorCodes) {
        super(error + (description.isEmpty() ? "" : ": " + description));
        this.httpStatus = httpStatus;
        this.error = error;
        this.description = description;
        this.errorCodes = List.copyOf(errorCodes);
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The OAuth {@code error} code, such as {@code invalid_client}. */
    public String error() {
        return error;
    }

    /** The IdP's {@code error_description}, possibly empty; untrusted text, escape before showing. */
    public String description() {
        return description;
    }

    /** Entra ID's numeric {@code error_codes}, if any. */
    public List<String> errorCodes() {
        return errorCodes;
    }

    public Optional<IdpErrorCatalogue.Entry> catalogueEntry(IdpErrorCatalogue catalogue) {
        return catalogue.lookup(error, description, errorCodes);
    }
}
