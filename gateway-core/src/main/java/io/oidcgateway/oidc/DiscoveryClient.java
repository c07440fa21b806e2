package io.oidcgateway.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;

/** Fetches and checks an IdP's discovery document (OpenID Connect Discovery 1.0). */
public final class DiscoveryClient {
    private final OidcHttp http;

    public DiscoveryClient(OidcHttp http) {
        this.http = http;
    }

    public static URI discoveryUrl(URI issuer) {
        return URI.create(issuer + "/.well-known/openid-configuration");
    }

    /** @throws DiscoveryException saying what is wrong and what to change */
    public ProviderMetadata fetch(URI configuredIssuer) throws DiscoveryException {
        URI url = discoveryUrl(configuredIssuer);
        HttpResponse<String> response;
        try {
            response = http.get(url);
        } catch (IOException e) {
            throw new DiscoveryException("cannot reach " + url + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        if (response.statusCode() != 200) {
            throw new DiscoveryException(url + " answered HTTP " + response.statusCode()
                    + "; check oidc.issuer (discovery is at {issuer}/.well-known/openid-configuration)");
        }
        ProviderMetadata metadata = ProviderMetadata.parse(response.body());
        if (metadata.issuer().contains("{tenantid}")) {
            throw new DiscoveryException("the issuer " + metadata.issuer() + " is Entra ID's multi-tenant template;"
                    + " set oidc.issuer to https://login.microsoftonline.com/<tenant-id>/v2.0");
        }
        if (!stripSlash(metadata.issuer()).equals(stripSlash(configuredIssuer.toString()))) {
            throw new DiscoveryException("discovery names the issuer " + metadata.issuer() + " but oidc.issuer is "
                    + configuredIssuer + "; they must be the same (OIDC Discovery section 4.3)");
        }
        return metadata;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
