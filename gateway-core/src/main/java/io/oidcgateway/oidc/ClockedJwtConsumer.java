package io.oidcgateway.oidc;

import java.time.Clock;
import java.util.function.Supplier;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * A jose4j consumer that checks {@code exp}, {@code iat} and {@code nbf} against the injected
 * clock, not the system's, so tests move time without sleeping. jose4j fixes the evaluation
 * time when a consumer is built; one is built per second of the clock and shared.
 */
final class ClockedJwtConsumer {
    private record AtSecond(long second, JwtConsumer consumer) {
    }

    private final Supplier<JwtConsumerBuilder> builder;
    private final Clock clock;
    private volatile AtSecond current;

    /** @param builder a builder with every check but the evaluation time, new on each call */
    ClockedJwtConsumer(Supplier<JwtConsumerBuilder> builder, Clock clock) {
        this.builder = builder;
        this.clock = clock;
    }

    JwtClaims process(String jwt) throws InvalidJwtException {
        long second = Math.floorDiv(clock.millis(), 1000);
        AtSecond at = current;
        if (at == null || at.second() != second) {
            at = new AtSecond(second, builder.get().setEvaluationTime(NumericDate.fromSeconds(second)).build());
            current = at;
        }
        return at.consumer().processToClaims(jwt);
    }
}
