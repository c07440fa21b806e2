package io.oidcgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A form sent after the session ended (mod_auth_openidc's OIDCPreservePost): the browser
 * signs in again in the same tab and the form arrives at the upstream as it was sent. With
 * JavaScript, as the page needs it; API calls still get 401.
 */
class PreservePostTest {
    @TempDir
    Path dir;

    private static void endSessionOnTheServer(GatewayFixture system, String cookie) throws Exception {
        HttpResponse<Void> out = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(system.url("/oauth2/sign_out"))).header("Cookie", "gateway_session=" + cookie).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(302, out.statusCode());
    }

    private static WebRequest formPost(GatewayFixture system, String path, String origin) throws Exception {
        WebRequest post = new WebRequest(new URL(system.url(path)), HttpMethod.POST);
        post.setAdditionalHeader("Origin", origin);
        post.setRequestParameters(List.of(new NameValuePair("item", "Łucja's <book> & \"more\""),
                new NameValuePair("qty", "2"), new NameValuePair("qty", "3")));
        post.setAdditionalHeader("Accept", "text/html");
        post.setCharset(StandardCharsets.UTF_8);
        return post;
    }

    @Test
    void formPostAfterTheSessionEndedThenSentAgainAfterTheNewSignIn() throws Exception {
        try (GatewayFixture system = GatewayFixture.start(dir, true, Map.of()); Browser browser = new Browser()) {
            browser.web.getOptions().setJavaScriptEnabled(true);
            Browser.signIn(browser.open(system.url("/")), "alice", "alice");
            endSessionOnTheServer(system, browser.web.getCookieManager().getCookie("gateway_session").getValue());

            // The IdP still has its own session for this browser, so the new sign-in needs no form.
            browser.web.getPage(formPost(system, "/orders?from=form", system.url("")));
            browser.web.waitForBackgroundJavaScript(5000);
            HtmlPage app = (HtmlPage) browser.web.getCurrentWindow().getEnclosedPage();

            assertEquals("Demo upstream", app.getTitleText(), app.asNormalizedText());
            assertTrue(app.getElementById("request").asNormalizedText().equals("POST /orders?from=form"),
                    app.getElementById("request").asNormalizedText());
            // The echo lists the query's from=form first, then the form's fields, each once.
            assertEquals(List.of("form", "Łucja's <book> & \"more\"", "2", "3"), app.querySelectorAll("li.field").stream()
                    .map(n -> n.getTextContent()).toList());
            assertEquals(List.of("a1b2c3d4-0000-4000-8000-000000000001"),
                    Browser.upstreamHeader(app, "X-Forwarded-User"), "sent with the new session");
            assertEquals(2, system.idp.testHooks().codeGrants(), "a second sign-in happened in between");

            HtmlPage nothingKept = browser.open(system.url("/oauth2/restore"));
            browser.web.waitForBackgroundJavaScript(5000);
            assertEquals(system.url("/"), browser.web.getCurrentWindow().getEnclosedPage().getUrl().toString(),
                    "the kept form is sent once; afterwards the restore page goes home: " + nothingKept.getUrl());
        }
    }

    @Test
    void apiPostOrPreservePostOffThen401AndNothingKept() throws Exception {
        try (GatewayFixture system = GatewayFixture.start(dir, true, Map.of("session.preserve-post", "false"))) {
            HttpResponse<String> off = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(system.url("/orders"))).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("item=x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, off.statusCode());
        }
        try (GatewayFixture system = GatewayFixture.start(dir, true, Map.of())) {
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(system.url("/orders"))).header("Accept", "application/json")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("item=x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, api.statusCode(), "an API call is never answered with a page");
        }
    }

    @Test
    void formPostFromAnotherSiteThenNotKeptSoLoginCannotTurnItIntoASameSiteRequest() throws Exception {
        try (GatewayFixture system = GatewayFixture.start(dir, true, Map.of())) {
            for (Map.Entry<String, String> crossSite : Map.of("Origin", "https://evil.example",
                    "Sec-Fetch-Site", "cross-site").entrySet()) {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(system.url("/orders"))).header("Accept", "text/html")
                        .header(crossSite.getKey(), crossSite.getValue())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("item=transfer-all")).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertEquals(401, answer.statusCode(), crossSite.toString());
                assertTrue(!answer.body().contains("transfer-all"), "nothing of it kept: " + crossSite);
            }
        }
    }
}
