package io.oidcgateway.clientauth;

import io.oidcgateway.config.AssertionConfig;
import io.oidcgateway.config.AssertionHeader;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds RFC 7523 client assertions: {@code iss} = {@code sub} = client id,
 * {@code aud}, a fresh {@code jti} each time, {@code iat}/{@code nbf}/{@code exp}, and the
 * thumbprint headers the IdP uses to find the registered certificate.
 */
public final class ClientAssertionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAssertionFactory.class);
    private final String clientId;
    private final ClientKeySource keys;
    private final AssertionConfig config;
    private final Clock clock;

    public ClientAssertionFactory(String clientId, ClientKeySource keys, AssertionConfig config, Clock clock) {
        this.clientId = clientId;
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    /** @param tokenEndpoint the audience unless the configuration names another */
    public String create(URI tokenEndpoint) {
        ClientCredentials credentials = keys.current();
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(clientId);
        claims.setSubject(clientId);
        claims.setAudience(config.audience().orElse(tokenEndpoint).toString());
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setNotBefore(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + config.lifetime().toSeconds()));

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(config.algorithm().joseName());
        jws.setHeader("typ", "JWT");
        jws.setKey(credentials.privateKey());
        for (AssertionHeader header : config.headers()) {
            switch (header) {
                case X5T -> jws.setX509CertSha1ThumbprintHeaderValue(credentials.certificate());
                case X5T_S256 -> jws.setX509CertSha256ThumbprintHeaderValue(credentials.certificate());
                case KID -> jws.setKeyIdHeaderValue(credentials.jwkThumbprint());
                case X5C -> jws.setCertificateChainHeaderValue(
                        credentials.chain().toArray(java.security.cert.X509Certificate[]::new));
            }
        }
        try {
            String assertion = jws.getCompactSerialization();
            LOG.debug("client assertion for {} signed with the certificate x5t {}", tokenEndpoint, credentials.x5t());
            return assertion;
        } catch (JoseException e) {
            // Only reachable with a key that does not fit the algorithm, which ConfigLoader refuses.
            throw new IllegalStateException("cannot sign the client assertion with " + credentials.source()
                    + ": " + e.getMessage(), e);
        }
    }
}
