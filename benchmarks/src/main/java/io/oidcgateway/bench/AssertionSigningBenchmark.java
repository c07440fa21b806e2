package io.oidcgateway.bench;

import io.oidcgateway.clientauth.ClientAssertionFactory;
import io.oidcgateway.clientauth.ClientKeySource;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.SelfSignedCertificates;
import io.oidcgateway.config.AssertionAlgorithm;
import io.oidcgateway.config.AssertionConfig;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One client assertion, per algorithm: what each login and each refresh costs in signing. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AssertionSigningBenchmark {
    private static final URI TOKEN_ENDPOINT = URI.create("https://login.microsoftonline.com/t/oauth2/v2.0/token");

    @Param({"RS256", "PS256", "ES256"})
    public String algorithm;

    private ClientAssertionFactory factory;

    @Setup
    public void keys() {
        AssertionAlgorithm alg = AssertionAlgorithm.valueOf(algorithm);
        KeyType type = alg == AssertionAlgorithm.ES256 ? KeyType.EC256 : KeyType.RSA2048;
        var credentials = new SelfSignedCertificates(Clock.systemUTC(), new SecureRandom())
                .create(type, "CN=bench", Duration.ofDays(30), "bench");
        factory = new ClientAssertionFactory("client", ClientKeySource.of(credentials),
                new AssertionConfig(alg, AssertionConfig.DEFAULT_HEADERS, Optional.empty(),
                        AssertionConfig.DEFAULT_LIFETIME), Clock.systemUTC());
    }

    @Benchmark
    public String sign() {
        return factory.create(TOKEN_ENDPOINT);
    }
}
