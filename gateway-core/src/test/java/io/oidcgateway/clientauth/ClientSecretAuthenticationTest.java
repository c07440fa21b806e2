package io.oidcgateway.clientauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.oidcgateway.config.ClientAuthMethod;
import io.oidcgateway.config.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSecretAuthenticationTest {
    static final URI TOKEN = URI.create("https://idp.example.com/token");

    @Test
    void basicWhenSecretHasReservedCharactersThenFormEncodedBeforeBase64() {
        Map<String, String> form = new HashMap<>();
        Map<String, String> headers = new HashMap<>();

        new ClientSecretAuthentication("my app", new Secret("p:a&ss"), ClientAuthMethod.CLIENT_SECRET_BASIC)
                .authenticate(TOKEN, form, headers);

        String decoded = new String(Base64.getDecoder().decode(headers.get("Authorization").substring(6)),
                StandardCharsets.UTF_8);
        assertEquals("my+app:p%3Aa%26ss", decoded);
        assertFalse(form.containsKey("client_secret"));
    }

    @Test
    void postThenSecretInTheForm() {
        Map<String, String> form = new HashMap<>();
        Map<String, String> headers = new HashMap<>();

        new ClientSecretAuthentication("app", new Secret("s"), ClientAuthMethod.CLIENT_SECRET_POST)
                .authenticate(TOKEN, form, headers);

        assertEquals("app", form.get("client_id"));
        assertEquals("s", form.get("client_secret"));
        assertFalse(headers.containsKey("Authorization"));
    }
}
