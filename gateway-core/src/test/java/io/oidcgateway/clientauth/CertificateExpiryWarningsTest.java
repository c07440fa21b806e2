package io.oidcgateway.clientauth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CertificateExpiryWarningsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CertificateExpiryWarnings warnings = new CertificateExpiryWarnings(clock);

    private ClientCredentials validFor(Duration validity) {
        return new SelfSignedCertificates(clock, new SecureRandom()).create(KeyType.EC256, "CN=t", validity, "t");
    }

    @Test
    void warnsAtThirtySevenAndOneDaysThenOnExpiryEachOnce() {
        ClientCredentials cert = validFor(Duration.ofDays(40));

        assertFalse(warnings.check(cert), "40 days left: nothing to say");
        clock.advance(Duration.ofDays(11));
        assertTrue(warnings.check(cert), "29 days left");
        assertFalse(warnings.check(cert), "said once");
        clock.advance(Duration.ofDays(20));
        assertFalse(warnings.check(cert), "9 days left: still the 30-day step");
        clock.advance(Duration.ofDays(3));
        assertTrue(warnings.check(cert), "6 days left");
        assertFalse(warnings.check(cert));
        clock.advance(Duration.ofDays(5).plusHours(12));
        assertTrue(warnings.check(cert), "12 hours left");
        clock.advance(Duration.ofDays(1));
        assertTrue(warnings.check(cert), "expired");
        assertFalse(warnings.check(cert));
    }

    @Test
    void startedWithAFewDaysLeftThenOneWarningNotThree() {
        ClientCredentials cert = validFor(Duration.ofDays(3));

        assertTrue(warnings.check(cert));
        assertFalse(warnings.check(cert));
    }

    @Test
    void replacedByANewCertificateThenItsOwnStepsCount() {
        ClientCredentials old = validFor(Duration.ofDays(5));
        assertTrue(warnings.check(old));

        assertFalse(warnings.check(validFor(Duration.ofDays(365))), "a year left");
        assertTrue(warnings.check(validFor(Duration.ofDays(20))));
    }

    @Test
    void exactlyThirtyDaysLeftThenTheFirstWarning() {
        assertTrue(warnings.check(validFor(Duration.ofDays(30))));
        assertFalse(warnings.check(validFor(Duration.ofDays(30).plusSeconds(1))), "another certificate, 1 s more");
    }
}
