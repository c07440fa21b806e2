package io.oidcgateway.bench;

import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.session.Session;
import io.oidcgateway.session.SessionRepository;
import io.oidcgateway.session.SessionStore;
import io.oidcgateway.session.SessionStores;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Retained heap per session in the memory store, with Entra-sized tokens: the heap after N
 * sessions less the heap before, each read after full collections, divided by N.
 * {@code java -Xmx4g -cp benchmarks.jar io.oidcgateway.bench.SessionMemory [N]}
 */
public final class SessionMemory {
    private SessionMemory() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        GatewayConfig config = new ConfigLoader(Map.of()).load(Map.of("upstream.url", "http://app.test",
                "oidc.issuer", "https://idp.test", "oidc.client-id", "gw", "oidc.client-auth", "client_secret_basic",
                "oidc.client-secret", "s", "session.max-entries", String.valueOf(n + 1)), Path.of("."));
        EntraSizedTokens tokens = new EntraSizedTokens();
        Instant now = Clock.systemUTC().instant();
        try (SessionStore store = SessionStores.open(config.session(), Clock.systemUTC())) {
            SessionRepository sessions = store.sessions();
            long before = usedAfterGc();
            long tokenCharacters = 0;
            for (int i = 0; i < n; i++) {
                Session session = tokens.session(i, now);
                tokenCharacters += EntraSizedTokens.tokenCharacters(session);
                sessions.save(session);
            }
            long after = usedAfterGc();
            double perSession = (after - before) / (double) n;
            double tokenBytes = tokenCharacters / (double) n;
            System.out.printf("sessions: %,d (%,d in the store)%n", n, sessions.count());
            System.out.printf("retained heap per session: %,.0f bytes; its tokens' text: %,.0f bytes; the rest: %,.0f bytes%n",
                    perSession, tokenBytes, perSession - tokenBytes);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
