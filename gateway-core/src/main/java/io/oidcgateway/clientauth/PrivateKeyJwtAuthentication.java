package io.oidcgateway.clientauth;

import java.net.URI;
import java.util.Map;

/** RFC 7523 {@code private_key_jwt}: a new signed assertion for every request. */
public final class PrivateKeyJwtAuthentication implements ClientAuthentication {
    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final String clientId;
    private final ClientAssertionFactory assertions;

    public PrivateKeyJwtAuthentication(String clientId, ClientAssertionFactory assertions) {
        this.clientId = clientId;
        this.assertions = assertions;
    }

    @Override
    public void authenticate(URI tokenEndpoint, Map<String, String> form, Map<String, String> headers) {
        form.put("client_id", clientId);
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", assertions.create(tokenEndpoint));
    }

    @Override
    public String methodName() {
        return "private_key_jwt";
    }
}
