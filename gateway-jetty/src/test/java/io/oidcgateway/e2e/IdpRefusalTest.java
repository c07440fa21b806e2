package io.oidcgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person sees when the IdP will not complete the login. */
class IdpRefusalTest {
    @TempDir
    Path dir;

    @Test
    void loginWhenIdpDoesNotKnowTheCertificateThen502WithAadsts700027AndTheFix() throws Exception {
        try (GatewayFixture system = GatewayFixture.start(dir, false, Map.of()); Browser browser = new Browser()) {
            HtmlPage page = Browser.signIn(browser.open(system.url("/")), "alice", "alice");

            assertEquals(502, page.getWebResponse().getStatusCode());
            String text = page.asNormalizedText();
            assertTrue(text.contains("The identity provider refused to complete the sign-in"), text);
            assertTrue(text.contains("AADSTS700027"), text);
            assertTrue(text.contains("The key was not found"), text);
            assertTrue(text.contains(system.credentials.sha1Hex()), "Entra names the thumbprint it got: " + text);
            assertTrue(text.contains("Upload the certificate file (client.crt"), "the catalogue's fix: " + text);
            assertTrue(text.matches("(?s).*Request id: [A-Za-z0-9_-]{20}.*"), text);
            assertFalse(text.contains("eyJ"), "no token on the page");
            assertEquals(0L, system.gateway.gateway().sessions().count());
        }
    }

    @Test
    void loginWhenClientSecretBasicThenWorksToo() throws Exception {
        Map<String, String> secret = Map.of("oidc.client-auth", "client_secret_basic",
                "oidc.client-secret", "demo-secret-value", "oidc.client-certificate", "", "oidc.client-key", "");
        try (GatewayFixture system = GatewayFixture.start(dir, true, secret); Browser browser = new Browser()) {
            HtmlPage page = Browser.signIn(browser.open(system.url("/hello")), "bob", "bob");

            assertEquals(system.url("/hello"), page.getUrl().toString());
            assertTrue(system.idp.testHooks().receivedAssertions().isEmpty());
        }
    }

    @Test
    void loginWhenIdpSendsErrorToCallbackThen403WithTheIdpsReason() throws Exception {
        try (GatewayFixture system = GatewayFixture.start(dir, true, Map.of()); Browser browser = new Browser()) {
            browser.web.getOptions().setRedirectEnabled(false);
            String authorize = browser.web.getPage(system.url("/")).getWebResponse().getResponseHeaderValue("Location");
            String state = authorize.replaceAll(".*[?&]state=([^&]+).*", "$1");

            var response = browser.web.getPage(system.url("/oauth2/callback?state=" + state
                    + "&error=access_denied&error_description=%3Cscript%3EAADSTS65001%3A+no+consent")).getWebResponse();

            assertEquals(403, response.getStatusCode());
            String html = response.getContentAsString();
            assertTrue(html.contains("&lt;script&gt;AADSTS65001"), "escaped: " + html);
            assertFalse(html.contains("<script>"));
            assertTrue(html.contains("Grant admin consent"), html);
        }
    }
}
