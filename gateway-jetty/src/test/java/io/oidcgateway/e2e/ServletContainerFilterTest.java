package io.oidcgateway.e2e;

import io.oidcgateway.testing.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.PemFiles;
import io.oidcgateway.clientauth.TestCredentials;
import io.oidcgateway.demo.DemoIdentityProvider;
import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.demo.RegisteredClient;
import io.oidcgateway.filter.OidcGatewayFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter declared the way web.xml declares it (class name + init parameter 'config') in
 * front of an application's own servlet: no proxy, the application reads the identity headers.
 */
class ServletContainerFilterTest {
    @TempDir
    Path dir;

    static final class WhoAmI extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("user=" + request.getHeader("X-Forwarded-User")
                    + " bearer=" + (request.getHeader("Authorization") != null));
        }
    }

    @Test
    void filterWhenConfiguredByInitParameterThenApplicationSeesTheSignedInUser() throws Exception {
        DemoIdentityProvider idp = new DemoIdentityProvider("127.0.0.1", 0, Clock.systemUTC(), DemoIdpSettings.DEFAULTS);
        idp.start();
        int port = FreePorts.next();
        ClientCredentials credentials = TestCredentials.create(KeyType.RSA2048, "CN=webapp");
        Files.writeString(dir.resolve("app.crt"), PemFiles.certificates(credentials.chain()));
        PemFiles.writePrivate(dir.resolve("app.key"), PemFiles.pkcs8(credentials.privateKey()));
        Path config = dir.resolve("gateway.properties");
        Files.writeString(config, String.join("\n",
                "server.public-url=http://127.0.0.1:" + port,
                "upstream.url=http://127.0.0.1:" + port,
                "oidc.issuer=" + idp.issuer(),
                "oidc.client-id=webapp",
                "oidc.client-certificate=app.crt",
                "oidc.client-key=app.key"));
        idp.register(new RegisteredClient("webapp", List.of(URI.create("http://127.0.0.1:" + port + "/oauth2/callback")),
                List.of(credentials.certificate()), Optional.empty(), Optional.empty()));

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler webapp = new ServletContextHandler("/");
        FilterHolder filter = new FilterHolder(OidcGatewayFilter.class);
        filter.setInitParameter(OidcGatewayFilter.CONFIG_INIT_PARAM, config.toString());
        webapp.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        webapp.addServlet(new ServletHolder(new WhoAmI()), "/*");
        server.setHandler(webapp);
        server.start();
        try (Browser browser = new Browser()) {
            HtmlPage login = browser.open("http://127.0.0.1:" + port + "/whoami");
            org.htmlunit.Page page = Browser.signIn(login, "alice", "alice");
            String text = page.getWebResponse().getContentAsString();

            assertEquals("user=a1b2c3d4-0000-4000-8000-000000000001 bearer=true", text);
        } finally {
            server.stop();
            idp.stop();
        }
    }
}
