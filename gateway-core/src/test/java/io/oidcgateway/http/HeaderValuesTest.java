package io.oidcgateway.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice\u017b", "\u0141ucja \u017bak", "\u00e9l\u00e8ve", "\u7528\u6237", "emoji \uD83D\uDE00",
            "alice", "a b", "a\u00a0b"})
    void exactWhenCarriedUnchangedThenTheWireFormHoldsTheUtf8Bytes(String value) {
        String wire = HeaderValues.exact(value).orElseThrow();

        assertTrue(wire.chars().allMatch(c -> c <= 0xff), "one byte per char");
        assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), wire.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice ", " alice", "alice\t", "alice\n", "ali\rce", "alice\u0000", "alice\u0085",
            "alice\u007f", "alice\u2028", "alice\u00a0", "\u3000alice", "alice\uD83D", ""})
    void exactWhenAParserWouldChangeItThenNothing(String value) {
        assertEquals(Optional.empty(), HeaderValues.exact(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x,admins", "admins,", ",admins", " admins", "adm\nins", ""})
    void listElementWhenItWouldSplitOrChangeThenFalse(String group) {
        assertFalse(HeaderValues.listElement(group));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admins", "Zesp\u00f3\u0142 \u017b", "6f1c8a2e-0000-4000-8000-000000000001"})
    void listElementWhenPlainThenTrue(String group) {
        assertTrue(HeaderValues.listElement(group));
    }
}
