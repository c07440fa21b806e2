package io.oidcgateway.oidc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an IdP's error means for the gateway's configuration, and how to fix it. The 502
 * page and the log line both use it. Entra ID codes first (they are precise), then
 * Keycloak's common texts, then the generic OAuth 2.0 errors of RFC 6749 section 5.2.
 */
public final class IdpErrorCatalogue {
    /** One known error: {@code code} is {@code AADSTS700027}, a Keycloak text, or an OAuth error name. */
    public record Entry(String code, String cause, String fix) {
    }

    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");

    private final Map<String, Entry> entra = new LinkedHashMap<>();
    private final Map<String, Entry> keycloak = new LinkedHashMap<>();
    private final Map<String, Entry> oauth = new LinkedHashMap<>();

    /**
     * Entra codes as Microsoft's error reference (learn.microsoft.com, "Microsoft Entra
     * authentication and authorization error codes") names them, with the texts Entra returns.
     * Where the two disagree, the comment says so. Long because it is the catalogue itself, one
     * entry per code, kept together so it reads as a table.
     */
    public IdpErrorCatalogue() {
        // Not in the reference table; the text is what Entra returns (the seed question quotes it).
        entra("5002723", "The client assertion header names no certificate: it has no x5t, x5t#S256 or kid.",
                "Keep x5t in oidc.assertion.headers (the default 'x5t,x5t#S256' is right for Entra ID).");
        // Reference: "Client assertion failed signature validation"; returned with "The key was not found"
        // (no uploaded certificate has that thumbprint) or with a signature mismatch.
        entra("700027", "Entra ID found no uploaded certificate with the assertion's thumbprint, or the"
                        + " signature does not verify with it.",
                "Upload the certificate file (client.crt, not the key) under Certificates & secrets of this app"
                        + " registration and compare its thumbprint with './run.sh cert show'. x5t must be"
                        + " base64url of the SHA-1 bytes, not the hex text, and the key must belong to the certificate.");
        // Reference: AuthenticationFailed, "Client assertion contains an invalid signature" among the reasons;
        // Entra also answers a wrong aud with "AADSTS50012: Client assertion audience claim does not match
        // Realm issuer".
        entra("50012", "Entra ID could not authenticate the client assertion: a wrong aud (\"audience claim does"
                        + " not match Realm issuer\"), or a certificate or signature it does not accept.",
                "Remove oidc.assertion.audience so aud is the token endpoint from discovery, and make oidc.issuer"
                        + " name the tenant that holds the app registration.");
        entra("50048", "The client assertion's sub is not its iss (SubjectMismatchesIssuer).",
                "Both must be the client id; the gateway sets them so unless something rewrites the request.");
        // Not in the reference table; the text is what Entra returns.
        entra("700021", "The client assertion's iss/sub is not the client_id sent with it.",
                "Set oidc.client-id to the Application (client) ID of the app registration.");
        // Not in the reference table; the text is what Entra returns ("Client assertion is not within its
        // valid time range. Current time: ..., assertion valid from ..., expiry time of assertion ...").
        entra("700024", "The client assertion is not within its valid time range (nbf/exp).",
                "Synchronise this host's clock (NTP); keep oidc.assertion.lifetime at a few minutes.");
        // Issue 3 of this project listed 700023 as the audience error; the reference says otherwise.
        entra("700023", "The scope is not valid when asking for an access token (InvalidResourcelessScope):"
                        + " only OIDC scopes, no resource.",
                "Add a scope of your API to oidc.scopes, e.g. api://<client-id>/access (see 'Expose an API').");
        entra("700022", "The scope names more than one resource (InvalidMultipleResourcesScope).",
                "Keep the scopes of one resource in oidc.scopes, e.g. 'openid profile email offline_access"
                        + " api://<client-id>/access', without Graph scopes beside it.");
        entra("28000", "The scope names more than one resource.",
                "Keep the scopes of one resource in oidc.scopes.");
        entra("500011", "The resource named in the scope does not exist in this tenant.",
                "Check the Application ID URI under 'Expose an API' and the scope in oidc.scopes.");
        entra("7000215", "The client secret is wrong.",
                "Use the secret's Value (shown once when created), not its Secret ID.");
        entra("7000218", "The request carried neither client_assertion nor client_secret, but the app is confidential.",
                "Configure oidc.client-auth with a certificate (private_key_jwt) or a client secret.");
        entra("7000222", "The client secret has expired.",
                "Create a new secret under Certificates & secrets, or switch to a certificate (private_key_jwt).");
        // Not in the reference table; Entra names the algorithm it refused.
        entra("5002738", "The client assertion uses a signature algorithm Entra ID does not accept.",
                "Set oidc.assertion.alg to RS256 or PS256 with an RSA certificate.");
        entra("90014", "A required field is missing from the request or from the credential (MissingRequiredField).",
                "The assertion needs aud, iss, sub, jti and exp; the gateway sets all of them unless a proxy in"
                        + " between changes the request.");
        entra("900144", "A required request parameter is missing.", "Read the parameter name in the description.");
        entra("50027", "The JWT is invalid or malformed (InvalidJwtToken).",
                "Let the gateway build the assertion; check oidc.assertion.alg matches the key type.");
        entra("700016", "No application with this client id exists in the tenant (UnauthorizedClient_DoesNotMatchRequest).",
                "Set oidc.client-id to the Application (client) ID, and oidc.issuer to the tenant that holds the app.");
        entra("50011", "The redirect URI is not registered for the application (InvalidReplyTo).",
                "Add <server.public-url>/oauth2/callback as a Web redirect URI of the app registration.");
        // The reference names 50148 MissingCodeChallenge-like problems and 501481 the verifier mismatch.
        entra("50148", "The PKCE code_verifier does not match the code_challenge.",
                "Make sure one gateway instance handles a login from start to callback (sticky sessions).");
        entra("501481", "The PKCE code_verifier does not match the code_challenge.",
                "Make sure one gateway instance handles a login from start to callback (sticky sessions).");
        // Reference: "InvalidGrant - Authentication failed. The refresh token isn't valid"; Entra also sends it
        // for an authorization code it does not know.
        entra("70000", "The authorization code or refresh token is not valid (InvalidGrant).", "Sign in again.");
        entra("70008", "The authorization code or refresh token has expired or was revoked (ExpiredOrRevokedGrant).",
                "Sign in again.");
        entra("54005", "The authorization code was already redeemed.", "Sign in again; a code can be used once.");
        entra("65001", "The user or an administrator has not consented to the application's permissions"
                        + " (DelegationDoesNotExist).",
                "Grant admin consent under API permissions, or let the user consent at sign-in.");
        entra("700025", "The app is a public client, so it must not send a credential.",
                "Turn 'Allow public client flows' off for the app registration.");
        entra("7000112", "The application is disabled.", "Enable the enterprise application in the tenant.");
        entra("9002313", "The request is malformed or invalid.", "Run './run.sh check' and read the description.");
        entra("90002", "The tenant in oidc.issuer does not exist (InvalidTenantName).",
                "Use the Directory (tenant) ID from the app registration's Overview page.");

        keycloak("Invalid client or Invalid client credentials", "Keycloak did not accept the client credentials.",
                "Check oidc.client-id, and that the client's authenticator matches oidc.client-auth.");
        keycloak("Client authentication with signed JWT failed", "Keycloak could not verify the client assertion.",
                "Import client.crt in the client's Keys tab (Signed JWT) and set oidc.assertion.audience if"
                        + " Keycloak expects the issuer.");
        keycloak("Unable to load public key", "Keycloak found no key for the assertion: with an imported"
                        + " certificate it picks the key by kid, and only an assertion without kid (or with Keycloak's"
                        + " own key id) matches.",
                "Leave kid out of oidc.assertion.headers (x5t,x5t#S256 works; Keycloak ignores x5t), and import"
                        + " client.crt under the client's Keys tab.");
        keycloak("Code not valid", "The authorization code is unknown, expired or already used.", "Sign in again.");
        keycloak("Incorrect redirect_uri", "The redirect URI differs from the one used at authorization.",
                "Register <server.public-url>/oauth2/callback as a valid redirect URI.");
        keycloak("PKCE verification failed", "The PKCE code_verifier does not match.", "Sign in again.");

        oauth("invalid_client", "The IdP did not accept the gateway's client authentication.",
                "Check oidc.client-id and the registered certificate or secret; run './run.sh check'.");
        oauth("invalid_grant", "The authorization code or refresh token is invalid, expired or already used.",
                "Sign in again.");
        oauth("invalid_request", "The IdP found the token request malformed.",
                "Read the IdP's description above; run './run.sh check'.");
        oauth("unauthorized_client", "The client is not allowed to use this grant type.",
                "Enable the authorization code flow (standard flow) for the client at the IdP.");
        oauth("unsupported_grant_type", "The IdP does not support this grant type.",
                "Enable the authorization code and refresh token grants for the client.");
        oauth("invalid_scope", "A requested scope is unknown or not allowed.", "Adjust oidc.scopes.");
        oauth("access_denied", "The user or the IdP refused the authorization.",
                "Check that the user is assigned to the application at the IdP.");
    }

    private void entra(String number, String cause, String fix) {
        entra.put(number, new Entry("AADSTS" + number, cause, fix));
    }

    private void keycloak(String text, String cause, String fix) {
        keycloak.put(text.toLowerCase(Locale.ROOT), new Entry(text, cause, fix));
    }

    private void oauth(String error, String cause, String fix) {
        oauth.put(error, new Entry(error, cause, fix));
    }

    /** The entry for an Entra code such as {@code 700027} (without the AADSTS prefix). */
    public Optional<Entry> entraCode(String number) {
        return Optional.ofNullable(entra.get(number));
    }

    /**
     * A bounded name for an error, fit for a metric label: the Entra code when the catalogue
     * knows it ({@code AADSTS700027}), {@code other} for any other IdP error code, {@code none}
     * when the IdP sent none. Never text from the IdP.
     */
    public String errorCodeLabel(List<String> errorCodes, String description) {
        Optional<Entry> entry = lookup("", description, errorCodes).filter(e -> e.code().startsWith("AADSTS"));
        if (entry.isPresent()) {
            return entry.get().code();
        }
        return errorCodes.isEmpty() && !AADSTS.matcher(description == null ? "" : description).find() ? "none" : "other";
    }

    /** The most specific entry for an error: by Entra code, then by Keycloak text, then by OAuth error. */
    public Optional<Entry> lookup(String error, String description, List<String> errorCodes) {
        for (String code : errorCodes) {
            if (entra.containsKey(code)) {
                return Optional.of(entra.get(code));
            }
        }
        String text = description == null ? "" : description;
        Matcher m = AADSTS.matcher(text);
        if (m.find() && entra.containsKey(m.group(1))) {
            return Optional.of(entra.get(m.group(1)));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Entry> e : keycloak.entrySet()) {
            if (lower.contains(e.getKey())) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.ofNullable(oauth.get(error));
    }
}
