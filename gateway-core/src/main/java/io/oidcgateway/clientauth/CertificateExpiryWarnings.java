package io.oidcgateway.clientauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns in the log as the client certificate nears its end: once when 30 days are left, again at
 * 7 and at 1, and an error once it has expired (Entra then refuses every assertion: AADSTS700027).
 * Each step is said once per certificate, however often it is asked.
 */
public final class CertificateExpiryWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateExpiryWarnings.class);
    static final List<Duration> STEPS = List.of(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1));

    private final Clock clock;
    private String warnedFor = "";
    private int stepsSaid;

    public CertificateExpiryWarnings(Clock clock) {
        this.clock = clock;
    }

    /** @return whether it logged */
    public synchronized boolean check(ClientCredentials credentials) {
        if (!credentials.x5t().equals(warnedFor)) {
            warnedFor = credentials.x5t();
            stepsSaid = 0;
        }
        Instant notAfter = credentials.certificate().getNotAfter().toInstant();
        Duration left = Duration.between(clock.instant(), notAfter);
        int due = 0;
        while (due < STEPS.size() && left.compareTo(STEPS.get(due)) <= 0) {
            due++;
        }
        if (left.isNegative()) {
            due = STEPS.size() + 1;
        }
        if (due <= stepsSaid) {
            return false;
        }
        stepsSaid = due;
        if (left.isNegative()) {
            LOG.error("the client certificate (x5t {}) expired on {}: the IdP refuses its assertions. Create a new"
                    + " one ('cert new'), register it at the IdP and replace the files", credentials.x5t(), notAfter);
        } else {
            LOG.warn("the client certificate (x5t {}) expires on {}, in {} days: create the next one ('cert new'),"
                    + " register it at the IdP, then replace the files (no restart needed)", credentials.x5t(),
                    notAfter, left.toDays());
        }
        return true;
    }
}
