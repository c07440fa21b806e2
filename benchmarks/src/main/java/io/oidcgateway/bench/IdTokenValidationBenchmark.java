package io.oidcgateway.bench;

import io.oidcgateway.oidc.IdTokenValidator;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.IdentityMapping;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One ID token (RS256, Entra-like claims) validated against a key set already fetched: a login's check. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IdTokenValidationBenchmark {
    private static final String ISSUER = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";
    private static final String CLIENT = "6731de76-14a6-49ae-97bc-6eba6914391e";

    private IdTokenValidator validator;
    private String idToken;

    @Setup
    public void signed() throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("nOo3ZDrODXEK1jKWhXslHR_KXEg");
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(CLIENT);
        claims.setSubject("AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ");
        claims.setExpirationTimeMinutesInTheFuture(60 * 24);
        claims.setIssuedAtToNow();
        claims.setNotBeforeMinutesInThePast(1);
        claims.setClaim("nonce", "n-0S6_WzA2Mj");
        claims.setClaim("oid", "00000000-0000-0000-66f3-3332eca7ea81");
        claims.setClaim("tid", "72f988bf-86f1-41af-91ab-2d7cd011db47");
        claims.setClaim("email", "alice@contoso.com");
        claims.setClaim("name", "Alice Example");
        claims.setClaim("preferred_username", "alice@contoso.com");
        claims.setStringListClaim("groups", "b5c2f5a1-0a8c-4d9e-9b47-3f1f2c6d7e8a", "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f");
        claims.setClaim("sid", "0018b2e8-6c3a-1b4d-ab0c-4a2f3d2f9e11");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        idToken = jws.getCompactSerialization();
        validator = new IdTokenValidator(ISSUER, CLIENT, new JwksVerificationKeyResolver(List.of(key)),
                new IdentityMapping("groups", false), Clock.systemUTC());
    }

    @Benchmark
    public IdentityClaims validate() throws Exception {
        return validator.validate(idToken, "n-0S6_WzA2Mj");
    }
}
