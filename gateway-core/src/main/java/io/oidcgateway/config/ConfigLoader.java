package io.oidcgateway.config;

import static io.oidcgateway.config.ConfigKeys.*;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds a {@link GatewayConfig} from a properties file, environment overrides and
 * references, reporting every problem at once, together with those of the {@link ConfigCheck}s
 * it was given (key material, which {@code clientauth} loads).
 */
public final class ConfigLoader {
    private final Map<String, String> env;
    private final List<ConfigCheck> checks;

    public ConfigLoader(Map<String, String> env) {
        this(env, List.of());
    }

    private ConfigLoader(Map<String, String> env, List<ConfigCheck> checks) {
        this.env = Map.copyOf(env);
        this.checks = List.copyOf(checks);
    }

    /** The same loader, also running this check, whose problems are reported with all others. */
    public ConfigLoader checkedBy(ConfigCheck check) {
        List<ConfigCheck> all = new ArrayList<>(checks);
        all.add(check);
        return new ConfigLoader(env, all);
    }

    public GatewayConfig load(Path file) throws ConfigException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem("config file", file.toString(),
                    "cannot be read (" + e.getClass().getSimpleName() + "); pass --config FILE")));
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return load(map, file.toAbsolutePath().getParent());
    }

    public GatewayConfig load(Map<String, String> properties, Path baseDir) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        ValueReader r = new ValueReader(new ConfigValues(properties, env, baseDir, problems), problems);

        ServerConfig server = server(r);
        UpstreamConfig upstream = upstream(r);
        DemoConfig demo = new DemoConfig(r.bool(DEMO_IDENTITY_PROVIDER, false), r.bool(DEMO_UPSTREAM, false));
        OidcConfig oidc = new OidcConfigReader(r).oidc(demo);
        SessionConfig session = new SessionConfig(
                cookieName(r),
                r.duration(SESSION_TTL, SessionConfig.DEFAULT_TTL),
                r.duration(SESSION_IDLE_TIMEOUT, SessionConfig.DEFAULT_IDLE_TIMEOUT),
                r.integer(SESSION_MAX_ENTRIES, SessionConfig.DEFAULT_MAX_ENTRIES, 1, Integer.MAX_VALUE),
                r.duration(SESSION_LOGIN_TIMEOUT, SessionConfig.DEFAULT_LOGIN_TIMEOUT),
                r.integer(SESSION_MAX_PENDING_LOGINS, SessionConfig.DEFAULT_MAX_PENDING_LOGINS, 1, Integer.MAX_VALUE),
                r.duration(SESSION_REFRESH_BEFORE, SessionConfig.DEFAULT_REFRESH_BEFORE),
                cookieDomain(r),
                SessionStoreReader.store(r),
                r.bool(SESSION_PRESERVE_POST, true));
        AccessConfig access = access(r);
        if (oidc.loginOptions().formPost() && !server.secure() && !loopback(server.publicUrl())) {
            r.problem(OIDC_RESPONSE_MODE, "form_post needs an https server.public-url: the IdP's POST to the"
                    + " callback is cross-site, so the login cookie is SameSite=None, which browsers accept only"
                    + " with Secure (plain http works for localhost alone)");
        }

        GatewayConfig config = new GatewayConfig(server, upstream, oidc, session, access, demo, LogConfigReader.read(r));
        checks.forEach(check -> check.check(config, problems::add));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static URI publicUrl(ValueReader r) {
        URI uri = r.httpUrl(SERVER_PUBLIC_URL, ServerConfig.DEFAULT_PUBLIC_URL);
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            r.problem(SERVER_PUBLIC_URL, "must be the site root (no path): the gateway serves /oauth2/* at the root");
        }
        return uri;
    }

    private static String cookieName(ValueReader r) {
        String name = r.string(SESSION_COOKIE_NAME, SessionConfig.DEFAULT_COOKIE_NAME);
        if (!name.matches("[A-Za-z0-9_\\-]{1,64}")) {
            r.problem(SESSION_COOKIE_NAME, "use 1 to 64 letters, digits, '_' or '-'");
            return SessionConfig.DEFAULT_COOKIE_NAME;
        }
        return name;
    }

    private static AccessConfig access(ValueReader r) {
        List<SkipPath> skipPaths = r.parse(ACCESS_SKIP_PATHS, List.of(),
                v -> java.util.Arrays.stream(v.split(",")).map(SkipPath::parse).toList());
        Set<String> domains = r.set(ACCESS_ALLOWED_EMAIL_DOMAINS);
        for (String domain : domains) {
            if (!domain.matches("[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")) {
                r.problem(ACCESS_ALLOWED_EMAIL_DOMAINS, "'" + domain + "' is not a domain such as example.com");
            }
        }
        return new AccessConfig(skipPaths,
                domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet()),
                r.set(ACCESS_ALLOWED_GROUPS), r.string(ACCESS_GROUPS_CLAIM, AccessConfig.DEFAULT_GROUPS_CLAIM),
                r.set(ACCESS_ALLOWED_USERS), r.set(ACCESS_BEARER_AUDIENCES), r.bool(ACCESS_ALLOW_UNVERIFIED_EMAIL, false));
    }

    private static IdentityHeaders identityHeaders(ValueReader r) {
        IdentityHeaders d = IdentityHeaders.DEFAULTS;
        return new IdentityHeaders(r.bool(UPSTREAM_HEADERS_USER, d.user()), r.bool(UPSTREAM_HEADERS_EMAIL, d.email()),
                r.bool(UPSTREAM_HEADERS_PREFERRED_USERNAME, d.preferredUsername()),
                r.bool(UPSTREAM_HEADERS_GROUPS, d.groups()), r.bool(UPSTREAM_HEADERS_ID_TOKEN, d.idToken()),
                r.bool(UPSTREAM_HEADERS_ACCESS_TOKEN, d.accessToken()));
    }

    private static ServerConfig server(ValueReader r) {
        ServerConfig server = new ServerConfig(
                r.string(SERVER_HOST, ServerConfig.DEFAULT_HOST),
                r.integer(SERVER_PORT, ServerConfig.DEFAULT_PORT, 0, 65535),
                publicUrl(r), trustedProxies(r), serverTls(r), r.bool(SERVER_HTTP2, true),
                r.duration(SERVER_SHUTDOWN_TIMEOUT, ServerConfig.DEFAULT_SHUTDOWN_TIMEOUT),
                r.durationOrZero(SERVER_WARM_UP, ServerConfig.DEFAULT_WARM_UP));
        if (server.tls().isPresent() && !server.secure()) {
            r.problem(SERVER_PUBLIC_URL, "is http but server.tls.* makes the gateway serve https: write https://..."
                    + " so that redirects and the redirect URI use https and the cookies are Secure");
        }
        return server;
    }

    private static UpstreamConfig upstream(ValueReader r) {
        Duration upstreamTimeout = r.duration(UPSTREAM_TIMEOUT, UpstreamConfig.DEFAULT_TIMEOUT);
        return new UpstreamConfig(
                r.httpUrl(UPSTREAM_URL, null), upstreamTimeout, routes(r, upstreamTimeout), identityHeaders(r),
                r.duration(UPSTREAM_CONNECT_TIMEOUT, UpstreamConfig.DEFAULT_CONNECT_TIMEOUT),
                r.bool(UPSTREAM_PRESERVE_HOST, false), r.optionalFile(UPSTREAM_CA_FILE));
    }

    private static Optional<ServerTlsConfig> serverTls(ValueReader r) {
        boolean pem = r.optional(SERVER_TLS_CERTIFICATE).isPresent() || r.optional(SERVER_TLS_KEY).isPresent();
        boolean store = r.optional(SERVER_TLS_KEYSTORE).isPresent();
        if (pem && store) {
            r.problem(SERVER_TLS_KEYSTORE, "set either server.tls.certificate and server.tls.key, or"
                    + " server.tls.keystore, not both");
            return Optional.empty();
        }
        if (store) {
            Optional<String> password = r.optional(SERVER_TLS_KEYSTORE_PASSWORD);
            if (password.isEmpty()) {
                r.problem(SERVER_TLS_KEYSTORE_PASSWORD, "is required with server.tls.keystore (use ${file:...})");
            }
            Path file = r.existingFile(SERVER_TLS_KEYSTORE);
            return file == null || password.isEmpty() ? Optional.empty()
                    : Optional.of(new ServerTlsConfig.KeyStoreFile(file, new Secret(password.get())));
        }
        if (!pem) {
            return Optional.empty();
        }
        for (String key : List.of(SERVER_TLS_CERTIFICATE, SERVER_TLS_KEY)) {
            if (r.optional(key).isEmpty()) {
                r.problem(key, "is required: server.tls.certificate and server.tls.key go together");
            }
        }
        Optional<Path> certificate = r.optionalFile(SERVER_TLS_CERTIFICATE);
        Optional<Path> key = r.optionalFile(SERVER_TLS_KEY);
        return certificate.isPresent() && key.isPresent()
                ? Optional.of(new ServerTlsConfig.PemFiles(certificate.get(), key.get())) : Optional.empty();
    }

    private static List<Cidr> trustedProxies(ValueReader r) {
        List<Cidr> trusted = new ArrayList<>();
        for (String entry : r.list(SERVER_TRUSTED_PROXIES)) {
            Cidr.parse(entry).ifPresentOrElse(trusted::add, () -> r.problem(SERVER_TRUSTED_PROXIES, "'" + entry
                    + "' is not an address block: write an IP address with its prefix length, e.g. 10.0.0.0/8,"
                    + " 127.0.0.1/32 or fd00::/8 (host names are not accepted)"));
        }
        return trusted;
    }

    private static List<RouteConfig> routes(ValueReader r, Duration defaultTimeout) {
        Set<String> names = new java.util.TreeSet<>();
        for (String key : r.keysMatching(ROUTE_KEY)) {
            java.util.regex.Matcher m = ROUTE_KEY.matcher(key);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        List<RouteConfig> routes = new ArrayList<>();
        Set<String> prefixes = new java.util.HashSet<>();
        for (String name : names) {
            String pathKey = "route." + name + ".path";
            Optional<String> path = r.optional(pathKey);
            if (path.isEmpty()) {
                r.problem(pathKey, "is required for route '" + name + "' (a path prefix such as /api)");
                continue;
            }
            String prefix = path.get().length() > 1 && path.get().endsWith("/")
                    ? path.get().substring(0, path.get().length() - 1) : path.get();
            if (!prefix.startsWith("/") || prefix.contains("..") || prefix.contains("//")) {
                r.problem(pathKey, "must be an absolute path prefix such as /api");
            }
            if (!prefixes.add(prefix)) {
                r.problem(pathKey, "another route has the same path prefix " + prefix);
            }
            URI upstream = r.httpUrl("route." + name + ".upstream", null);
            boolean strip = r.bool("route." + name + ".strip-prefix", false);
            routes.add(new RouteConfig(name, prefix, upstream, strip,
                    r.duration("route." + name + ".timeout", defaultTimeout)));
        }
        return routes;
    }

    private static Optional<String> cookieDomain(ValueReader r) {
        Optional<String> domain = r.optional(SESSION_COOKIE_DOMAIN);
        if (domain.isPresent() && !domain.get().matches("\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
            r.problem(SESSION_COOKIE_DOMAIN, "write a domain such as example.com; leave it out to keep the cookies"
                    + " to the gateway's own host");
            return Optional.empty();
        }
        return domain;
    }

    static boolean loopback(URI url) {
        String host = url.getHost();
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }
}
