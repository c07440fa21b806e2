package io.oidcgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** A real browser's form, sent after its session ended, arrives after the new sign-in (session.preserve-post). */
class PreservePostChromiumIT {
    @TempDir
    Path work;

    @Test
    void formSentAfterTheSessionEndedThenArrivesAfterTheNewSignIn() throws Exception {
        Chromium.requireInstalled();
        try (GatewayProcess gateway = GatewayProcess.startShippedDemo(work.resolve("gateway.log"));
                Chromium chrome = Chromium.start(work.resolve("chrome"))) {
            Diagnose.run(() -> chrome.describe() + "\n\ngateway log:\n" + gateway.logTail(30), () -> {
                chrome.open(gateway.url + "/");
                chrome.await(By.id("username")).sendKeys("alice");
                chrome.driver.findElement(By.id("password")).sendKeys("alice");
                chrome.driver.findElement(By.id("submit")).click();
                chrome.await(By.id("headers"));
                String cookie = chrome.driver.manage().getCookieNamed("gateway_session").getValue();
                HttpResponse<Void> out = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        gateway.url.resolve("/oauth2/sign_out")).header("Cookie", "gateway_session=" + cookie).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertEquals(302, out.statusCode());

                ((JavascriptExecutor) chrome.driver).executeScript("var f = document.createElement('form'); f.method = 'post';"
                        + " f.action = '/orders?x=1'; [['item', 'Łucja <b>&'], ['qty', '2']].forEach(function (p) {"
                        + " var i = document.createElement('input'); i.name = p[0]; i.value = p[1]; f.appendChild(i); });"
                        + " document.body.appendChild(f); f.submit();");
                chrome.await(By.id("form"));

                assertEquals("POST /orders?x=1", chrome.driver.findElement(By.id("request")).getText());
                assertEquals(List.of("1", "Łucja <b>&", "2"), chrome.driver.findElements(By.cssSelector("li.field"))
                        .stream().map(WebElement::getText).toList());
            });
        }
    }
}
