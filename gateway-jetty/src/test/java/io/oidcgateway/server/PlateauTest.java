package io.oidcgateway.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlateauTest {
    @Test
    void climbingWhileEachWindowBeatsTheBestByMoreThanTheMargin() {
        Plateau plateau = new Plateau();
        for (long rate : new long[] {100, 200, 400, 800, 1600}) {
            assertTrue(plateau.climbing(rate), "rate " + rate);
        }
    }

    @Test
    void flatForThreeWindowsInARowThenDone() {
        Plateau plateau = new Plateau();
        plateau.climbing(1000);

        assertTrue(plateau.climbing(1040), "within the margin: flat");
        assertTrue(plateau.climbing(990));
        assertFalse(plateau.climbing(1049));
    }

    @Test
    void aNewBestStartsTheCountAgain() {
        Plateau plateau = new Plateau();
        plateau.climbing(1000);
        plateau.climbing(1000);
        plateau.climbing(1000);

        assertTrue(plateau.climbing(1100), "beats the best by more than 5%");
        assertTrue(plateau.climbing(1100));
        assertTrue(plateau.climbing(1100));
        assertFalse(plateau.climbing(1100));
    }
}
