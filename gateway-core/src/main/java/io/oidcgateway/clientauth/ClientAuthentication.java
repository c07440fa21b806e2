package io.oidcgateway.clientauth;

import java.net.URI;
import java.util.Map;

/** Adds the gateway's client credentials to one token-endpoint request. */
public interface ClientAuthentication {

    /**
     * @param form the form parameters of the request, to which this may add
     * @param headers the request headers, to which this may add
     */
    void authenticate(URI tokenEndpoint, Map<String, String> form, Map<String, String> headers);

    /** The name used in discovery's {@code token_endpoint_auth_methods_supported}. */
    String methodName();
}
