package io.oidcgateway.security;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test against a gateway whose upstream records the bytes it receives: one gateway per test, stopped after it. */
abstract class RecordedAttackTest {
    @TempDir
    Path dir;
    RecordingUpstream app;
    AttackSurface surface;

    /** @param extra configuration besides the attack surface's own */
    AttackSurface start(Map<String, String> extra) throws Exception {
        surface = AttackSurface.recording(dir, extra);
        app = surface.app;
        return surface;
    }

    @AfterEach
    void stop() throws Exception {
        if (surface != null) {
            surface.close();
        }
    }
}
