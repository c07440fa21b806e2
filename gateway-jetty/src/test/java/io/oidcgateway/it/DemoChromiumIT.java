package io.oidcgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** What a newcomer does after './run.sh': the shipped config, the demo IdP, Chromium. */
class DemoChromiumIT {
    @TempDir
    Path work;

    @Test
    void shippedConfigThenLoginAtTheDemoIdpShowsTheUpstreamWithBearerAndIdentityAndSignOutWorks() throws Exception {
        Chromium.requireInstalled();
        try (GatewayProcess gateway = GatewayProcess.startShippedDemo(work.resolve("gateway.log"));
                Chromium chrome = Chromium.start(work.resolve("chrome"))) {
            Diagnose.run(() -> chrome.describe() + "\n\ngateway log:\n" + gateway.logTail(30), () -> {
                chrome.open(gateway.url + "/");
                assertTrue(chrome.driver.getTitle().startsWith("Sign in - demo identity provider"),
                        chrome.driver.getTitle());
                chrome.await(By.id("username")).sendKeys("alice");
                chrome.driver.findElement(By.id("password")).sendKeys("alice");
                chrome.driver.findElement(By.id("submit")).click();
                chrome.await(By.id("headers"));

                assertEquals(gateway.url + "/", chrome.driver.getCurrentUrl());
                assertTrue(chrome.upstreamHeader("Authorization").get(0).startsWith("Bearer eyJ"));
                assertEquals(List.of("a1b2c3d4-0000-4000-8000-000000000001"), chrome.upstreamHeader("X-Forwarded-User"));
                assertEquals(List.of("alice@example.com"), chrome.upstreamHeader("X-Forwarded-Email"));

                chrome.driver.findElement(By.linkText("Sign out")).click();
                chrome.await(By.id("username"));
                assertTrue(chrome.driver.getTitle().startsWith("Sign in"), chrome.driver.getTitle());
            });
        }
    }
}
