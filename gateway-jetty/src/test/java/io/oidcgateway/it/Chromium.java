package io.oidcgateway.it;

import io.oidcgateway.testing.RequiredTools;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven through its chromedriver; nothing is downloaded. */
final class Chromium implements AutoCloseable {
    final WebDriver driver;

    private Chromium(WebDriver driver) {
        this.driver = driver;
    }

    /** Fails in CI (which installs chromium and chromium-driver) and skips elsewhere when they are missing. */
    static void requireInstalled() {
        RequiredTools.require(binary("chromium").isPresent() && binary("chromedriver").isPresent(),
                "chromium and chromedriver", "chromium chromium-driver");
    }

    static Chromium start(Path profile) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary("chromium").orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--user-data-dir=" + Files.createDirectories(profile));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(binary("chromedriver").orElseThrow().toFile())
                .usingAnyFreePort()
                .build();
        return new Chromium(new ChromeDriver(service, options));
    }

    private static Optional<Path> binary(String name) {
        return Stream.concat(Stream.of("/usr/bin"),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits up to 20 s for an element, e.g. the login form after a chain of redirects. */
    WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElements(by).stream().findFirst().orElse(null));
    }

    /** The values of one request header as the demo upstream's page shows them. */
    List<String> upstreamHeader(String name) {
        return driver.findElements(By.cssSelector("td.header[data-name=\"" + name.toLowerCase() + "\"]")).stream()
                .map(WebElement::getText).toList();
    }

    /** What the browser saw, for a failure message that can be diagnosed from the CI log alone. */
    String describe() {
        try {
            String text = driver.findElement(By.tagName("body")).getText();
            return "browser at " + driver.getCurrentUrl() + " titled '" + driver.getTitle() + "':\n"
                    + text.substring(0, Math.min(text.length(), 1500));
        } catch (RuntimeException e) {
            return "browser state unavailable: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
