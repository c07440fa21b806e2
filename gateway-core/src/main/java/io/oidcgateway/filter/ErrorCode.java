package io.oidcgateway.filter;

/**
 * Every error the gateway answers itself, with its HTTP status and the stable name clients
 * and log searches see ({@code "error": "token_endpoint_refused"}).
 */
public enum ErrorCode {
    AMBIGUOUS_PATH(400, "ambiguous_path"),
    UNAUTHORIZED(401, "unauthorized"),
    INVALID_TOKEN(401, "invalid_token"),
    MISSING_STATE(400, "missing_state"),
    UNKNOWN_STATE(400, "unknown_state"),
    MISSING_CODE(400, "missing_code"),
    STATE_NOT_BOUND(403, "state_not_bound"),
    IDP_ERROR(403, "idp_error"),
    ID_TOKEN_INVALID(403, "id_token_invalid"),
    ACCESS_DENIED(403, "access_denied"),
    /** forward-auth: 403, not 400, since nginx's auth_request turns anything but 2xx, 401 and 403 into a 500 */
    AMBIGUOUS_ORIGINAL_PATH(403, "ambiguous_path"),
    METHOD_NOT_ALLOWED(405, "invalid_request"),
    INVALID_REQUEST(400, "invalid_request"),
    TOKEN_ENDPOINT_REFUSED(502, "token_endpoint_refused"),
    NO_ID_TOKEN(502, "no_id_token"),
    UPSTREAM_UNAVAILABLE(502, "upstream_unavailable"),
    IDP_UNAVAILABLE(503, "idp_unavailable"),
    TEMPORARILY_UNAVAILABLE(503, "temporarily_unavailable"),
    SESSION_STORE_UNAVAILABLE(503, "session_store_unavailable"),
    /** the access token has expired and the IdP cannot renew it now; the session is kept */
    RENEWAL_UNAVAILABLE(503, "renewal_unavailable"),
    UPSTREAM_TIMEOUT(504, "upstream_timeout");

    private final int status;
    private final String wireName;

    ErrorCode(int status, String wireName) {
        this.status = status;
        this.wireName = wireName;
    }

    public int status() {
        return status;
    }

    /** The {@code error} value in JSON answers. */
    public String wireName() {
        return wireName;
    }
}
