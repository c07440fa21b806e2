package io.oidcgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.clientauth.ClientCredentials;
import io.oidcgateway.clientauth.ClientKeyLoader;
import io.oidcgateway.clientauth.KeyType;
import io.oidcgateway.clientauth.TestCredentials;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;
    ClientCredentials credentials;
    Map<String, String> props;

    final ClientKeyLoader keys = new ClientKeyLoader(Clock.systemUTC());

    @BeforeEach
    void validMinimalConfig() throws Exception {
        credentials = TestCredentials.rsa();
        TestCredentials.writePem(credentials, dir);
        props = new HashMap<>(Map.of(
                "upstream.url", "http://127.0.0.1:8080/",
                "oidc.issuer", "https://login.microsoftonline.com/contoso-tenant/v2.0",
                "oidc.client-id", "2f877daa-b6f5-42a3-8430-acf238b234e1",
                "oidc.client-certificate", "client.crt",
                "oidc.client-key", "client.key"));
    }

    /** Reads the configuration with its key material, as the gateway does, so key problems come with all others. */
    private GatewayConfig load(Map<String, String> env) throws ConfigException {
        return new ConfigLoader(env).checkedBy(keys).load(props, dir);
    }

    private ClientCredentials credentials(GatewayConfig c) throws ConfigException {
        return keys.load(c.oidc()).orElseThrow().current();
    }

    private List<ConfigProblem> problems(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> load(env)).problems();
    }

    private static ConfigProblem problemFor(List<ConfigProblem> problems, String key) {
        return problems.stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + key + " in " + problems));
    }

    @Test
    void loadWhenMinimalThenContractDefaults() throws Exception {
        GatewayConfig c = load(Map.of());

        assertEquals("0.0.0.0", c.server().host());
        assertEquals(4180, c.server().port());
        assertEquals(URI.create("http://localhost:4180/oauth2/callback"), c.server().redirectUri());
        assertFalse(c.server().secure());
        assertEquals(URI.create("http://127.0.0.1:8080"), c.upstream().url(), "trailing slash dropped");
        assertEquals(List.of("openid", "profile", "email", "offline_access"), c.oidc().scopes());
        assertEquals(ClientAuthMethod.PRIVATE_KEY_JWT, c.oidc().clientAuth());
        assertEquals(AssertionAlgorithm.RS256, c.oidc().assertion().algorithm());
        assertEquals(Set.of(AssertionHeader.X5T, AssertionHeader.X5T_S256), c.oidc().assertion().headers());
        assertTrue(c.oidc().assertion().audience().isEmpty());
        assertEquals(Duration.ofMinutes(5), c.oidc().assertion().lifetime());
        assertEquals("gateway_session", c.session().cookieName());
        assertEquals(Duration.ofHours(8), c.session().ttl());
        assertEquals(Duration.ofHours(1), c.session().idleTimeout());
        assertEquals(100_000, c.session().maxEntries());
        assertFalse(c.demo().identityProvider());
        assertFalse(c.demo().upstream());
        assertEquals(credentials.x5t(), credentials(c).x5t(), "paths relative to the config folder");
    }

    @Test
    void loadWhenEveryKeySetThenEachIsRead() throws Exception {
        ClientCredentials ec = TestCredentials.create(KeyType.EC256);
        Path sub = Files.createDirectory(dir.resolve("ec"));
        TestCredentials.writePem(ec, sub);
        props.putAll(Map.ofEntries(
                Map.entry("server.host", "127.0.0.1"),
                Map.entry("server.port", "8443"),
                Map.entry("server.public-url", "https://gw.example.com"),
                Map.entry("upstream.timeout", "30s"),
                Map.entry("oidc.scopes", "openid api://app/access"),
                Map.entry("oidc.client-certificate", "ec/client.crt"),
                Map.entry("oidc.client-key", "ec/client.key"),
                Map.entry("oidc.assertion.alg", "ES256"),
                Map.entry("oidc.assertion.headers", "kid, x5c"),
                Map.entry("oidc.assertion.audience", "https://idp.example.com/realms/x"),
                Map.entry("oidc.assertion.lifetime", "2m"),
                Map.entry("oidc.post-logout-redirect-uri", "https://gw.example.com/bye"),
                Map.entry("session.cookie-name", "sid"),
                Map.entry("session.ttl", "1d"),
                Map.entry("session.idle-timeout", "30m"),
                Map.entry("session.max-entries", "500"),
                Map.entry("session.login-timeout", "5m"),
                Map.entry("session.max-pending-logins", "50"),
                Map.entry("demo.identity-provider", "false"),
                Map.entry("demo.upstream", "true")));

        GatewayConfig c = load(Map.of());

        assertEquals("127.0.0.1", c.server().host());
        assertEquals(8443, c.server().port());
        assertTrue(c.server().secure());
        assertEquals(Duration.ofSeconds(30), c.upstream().timeout());
        assertEquals(List.of("openid", "api://app/access"), c.oidc().scopes());
        assertEquals(AssertionAlgorithm.ES256, c.oidc().assertion().algorithm());
        assertEquals(Set.of(AssertionHeader.KID, AssertionHeader.X5C), c.oidc().assertion().headers());
        assertEquals(URI.create("https://idp.example.com/realms/x"), c.oidc().assertion().audience().orElseThrow());
        assertEquals(Duration.ofMinutes(2), c.oidc().assertion().lifetime());
        assertEquals(URI.create("https://gw.example.com/bye"), c.oidc().postLogoutRedirectUri().orElseThrow());
        assertEquals("sid", c.session().cookieName());
        assertEquals(Duration.ofDays(1), c.session().ttl());
        assertEquals(Duration.ofMinutes(30), c.session().idleTimeout());
        assertEquals(500, c.session().maxEntries());
        assertEquals(Duration.ofMinutes(5), c.session().loginTimeout());
        assertEquals(50, c.session().maxPendingLogins());
        assertTrue(c.demo().upstream());
        assertEquals(ec.x5t(), credentials(c).x5t());
    }

    @Test
    void loadWhenEnvironmentOverridesThenEnvironmentWins() throws Exception {
        GatewayConfig c = load(Map.of("GATEWAY_OIDC_CLIENT_ID", "from-env", "GATEWAY_SERVER_PORT", "9999",
                "GATEWAY_OIDC_ASSERTION_HEADERS", "x5t"));

        assertEquals("from-env", c.oidc().clientId());
        assertEquals(9999, c.server().port());
        assertEquals(Set.of(AssertionHeader.X5T), c.oidc().assertion().headers());
    }

    @Test
    void loadWhenEnvAndFileReferencesThenResolved() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "file-secret\n");
        props.put("oidc.client-auth", "client_secret_post");
        props.remove("oidc.client-certificate");
        props.remove("oidc.client-key");
        props.put("oidc.client-secret", "${file:secret.txt}");
        props.put("oidc.client-id", "app-${env:TENANT}");

        GatewayConfig c = load(Map.of("TENANT", "blue"));

        assertEquals("file-secret", c.oidc().clientSecret().orElseThrow().reveal());
        assertEquals("app-blue", c.oidc().clientId());
        assertEquals("(hidden)", c.oidc().clientSecret().orElseThrow().toString());
    }

    @Test
    void loadWhenKeystoreThenLoadedWithPasswordFromEnvironment() throws Exception {
        TestCredentials.writeKeyStore(credentials, dir.resolve("client.p12"), "PKCS12", "pw-123");
        props.remove("oidc.client-certificate");
        props.remove("oidc.client-key");
        props.put("oidc.client-keystore", "client.p12");
        props.put("oidc.client-keystore-password", "${env:P12_PASSWORD}");

        GatewayConfig c = load(Map.of("P12_PASSWORD", "pw-123"));

        assertEquals(credentials.x5t(), credentials(c).x5t());
    }

    @Test
    void loadWhenManyProblemsThenAllReportedTogether() {
        props.put("server.port", "http");
        props.put("server.public-url", "localhost:4180");
        props.put("oidc.scopes", "profile email");
        props.put("oidc.client-auth", "private_key");
        props.put("oidc.assertion.alg", "HS256");
        props.put("oidc.assertion.headers", "x5t,thumbprint");
        props.put("oidc.assertion.lifetime", "1 hour");
        props.put("session.ttl", "0s");
        props.put("session.cookie-name", "bad name;");
        props.put("demo.upstream", "maybe");
        props.put("oidc.clientid", "typo");
        props.remove("upstream.url");

        List<ConfigProblem> problems = problems(Map.of());

        for (String key : List.of("server.port", "server.public-url", "oidc.scopes", "oidc.client-auth",
                "oidc.assertion.alg", "oidc.assertion.headers", "oidc.assertion.lifetime", "session.ttl",
                "session.cookie-name", "demo.upstream", "oidc.clientid", "upstream.url")) {
            problemFor(problems, key);
        }
        assertTrue(problemFor(problems, "oidc.clientid").message().contains("did you mean oidc.client-id?"));
        assertTrue(problemFor(problems, "oidc.assertion.lifetime").message().contains("30s"));
        assertTrue(problemFor(problems, "upstream.url").message().contains("required"));
    }

    @Test
    void loadWhenSecretValueIsBadThenItIsNeverPrinted() {
        props.put("oidc.client-keystore", "client.crt");
        props.put("oidc.client-keystore-password", "Sup3r-Secret-Value");
        props.remove("oidc.client-certificate");
        props.remove("oidc.client-key");
        props.put("oidc.client-secret", "Another-Secret-Value");

        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));

        assertFalse(e.getMessage().contains("Sup3r-Secret-Value"), e.getMessage());
        assertFalse(e.getMessage().contains("Another-Secret-Value"), e.getMessage());
        problemFor(e.problems(), "oidc.client-secret");
        problemFor(e.problems(), "oidc.client-keystore");
    }

    @Test
    void loadWhenFilesMissingThenProblemNamesTheResolvedPath() {
        props.put("oidc.client-key", "missing.key");

        ConfigProblem p = problemFor(problems(Map.of()), "oidc.client-key");

        assertTrue(p.message().contains("file not found: " + dir.resolve("missing.key")), p.message());
    }

    @Test
    void loadWhenKeyDoesNotMatchCertificateThenProblem() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        TestCredentials.writePem(TestCredentials.rsa(), other);
        props.put("oidc.client-key", "other/client.key");

        assertTrue(problemFor(problems(Map.of()), "oidc.client-key").message().contains("does not belong"));
    }

    @Test
    void loadWhenTheConfigurationAndTheKeyAreBothWrongThenEveryProblemAtOnce() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        TestCredentials.writePem(TestCredentials.rsa(), other);
        props.put("oidc.client-key", "other/client.key");
        props.put("server.port", "http");

        List<ConfigProblem> problems = problems(Map.of());

        assertTrue(problemFor(problems, "oidc.client-key").message().contains("does not belong"));
        assertTrue(problemFor(problems, "server.port").message().contains("whole number"));
    }

    @Test
    void loadWhenAlgorithmDoesNotFitKeyThenProblem() {
        props.put("oidc.assertion.alg", "ES256");

        assertTrue(problemFor(problems(Map.of()), "oidc.assertion.alg").message().contains("needs an EC key"));
    }

    @Test
    void loadWhenEntraMultiTenantIssuerThenRefusedWithTheTenantForm() {
        for (String tenant : List.of("common", "organizations", "consumers")) {
            props.put("oidc.issuer", "https://login.microsoftonline.com/" + tenant + "/v2.0");
            ConfigProblem p = problemFor(problems(Map.of()), "oidc.issuer");
            assertTrue(p.message().contains("<tenant-id>"), p.message());
        }
    }

    @Test
    void loadWhenPlainHttpIssuerOnOtherHostThenRefused() {
        props.put("oidc.issuer", "http://idp.example.com");

        assertTrue(problemFor(problems(Map.of()), "oidc.issuer").message().contains("https"));
    }

    @Test
    void loadWhenSecretMethodWithoutSecretThenProblem() {
        props.put("oidc.client-auth", "client_secret_basic");

        problemFor(problems(Map.of()), "oidc.client-secret");
    }

    @Test
    void loadWhenNoCredentialsAndNoDemoThenProblemPointsToCertNew() {
        props.remove("oidc.client-certificate");
        props.remove("oidc.client-key");

        assertTrue(problemFor(problems(Map.of()), "oidc.client-certificate").message().contains("cert new"));
    }

    @Test
    void loadWhenNoCredentialsWithDemoIdpThenEphemeralCertificate() throws Exception {
        props.remove("oidc.client-certificate");
        props.remove("oidc.client-key");
        props.put("demo.identity-provider", "true");

        GatewayConfig c = load(Map.of());

        assertEquals("ephemeral demo certificate", credentials(c).source());
    }

    @Test
    void loadWhenEnvReferenceMissingThenProblemNamesTheVariable() {
        props.put("oidc.client-id", "${env:NOT_SET_ANYWHERE}");

        assertTrue(problemFor(problems(Map.of()), "oidc.client-id").message().contains("NOT_SET_ANYWHERE"));
    }

    @Test
    void loadWhenShippedConfigThenValid() throws Exception {
        Path shipped = Path.of("../config/gateway.properties");
        GatewayConfig c = new ConfigLoader(Map.of()).checkedBy(keys).load(shipped);

        assertTrue(c.demo().identityProvider());
        assertTrue(c.demo().upstream());
    }

    @Test
    void envNameFollowsTheContract() {
        assertEquals("GATEWAY_OIDC_CLIENT_ID", ConfigKeys.envName("oidc.client-id"));
        assertEquals("GATEWAY_OIDC_ASSERTION_HEADERS", ConfigKeys.envName("oidc.assertion.headers"));
    }

    static final String KEY_A = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    static final String KEY_B = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void sessionStoreWhenUnsetThenMemory() throws Exception {
        assertEquals(new SessionStoreConfig.Memory(), load(Map.of()).session().store());
    }

    @Test
    void sessionStoreRedisWhenCompleteThenUrlKeysAndPreviousKeysInOrder() throws Exception {
        Files.writeString(dir.resolve("redis-password"), "s3cret\n");
        props.putAll(Map.of("session.store", "redis", "session.redis-url", "redis://:${file:redis-password}@10.0.0.5:6379/2",
                "session.encryption-key", KEY_A, "session.previous-encryption-keys", " " + KEY_B + " "));

        SessionStoreConfig.Redis redis = (SessionStoreConfig.Redis) load(Map.of()).session().store();

        assertEquals("redis://:s3cret@10.0.0.5:6379/2", redis.url().reveal());
        assertFalse(redis.cluster());
        assertEquals(2, redis.keys().size());
        assertEquals(32, redis.keys().get(1).bytes().length);
        assertEquals(KEY_B, java.util.Base64.getEncoder().encodeToString(redis.keys().get(1).bytes()));
        assertFalse(redis.toString().contains("s3cret"), redis.toString());
        assertFalse(redis.toString().contains(KEY_A.substring(0, 10)), redis.toString());
    }

    @Test
    void sessionStoreRedisWhenUrlAndKeyMissingThenBothNamedWithHowToFix() {
        props.put("session.store", "redis");

        List<ConfigProblem> problems = problems(Map.of());

        assertTrue(problemFor(problems, "session.redis-url").message().contains("redis://host:6379"));
        assertTrue(problemFor(problems, "session.encryption-key").message().contains("openssl rand -base64 32"));
    }

    @Test
    void sessionStoreRedisWhenKeyIsNot32BytesOrNotBase64ThenRefusedWithoutEchoingIt() {
        props.putAll(Map.of("session.store", "redis", "session.redis-url", "redis://127.0.0.1:6379",
                "session.encryption-key", "c2hvcnQ=", "session.previous-encryption-keys", "not base64!"));

        List<ConfigProblem> problems = problems(Map.of());

        ConfigProblem current = problemFor(problems, "session.encryption-key");
        assertTrue(current.message().contains("32"), current.message());
        assertFalse(current.toString().contains("c2hvcnQ"), "a key is a secret: " + current);
        assertFalse(problemFor(problems, "session.previous-encryption-keys").toString().contains("not base64"));
    }

    @Test
    void sessionStoreWhenUnknownOrRedisKeysWithMemoryThenRefused() {
        props.put("session.store", "memcached");
        assertTrue(problemFor(problems(Map.of()), "session.store").message().contains("memory or redis"));

        props.put("session.store", "memory");
        props.put("session.redis-url", "redis://127.0.0.1:6379");
        assertTrue(problemFor(problems(Map.of()), "session.redis-url").message().contains("session.store=redis"));
    }

    @Test
    void sessionRedisUrlWhenNotARedisUrlOrSeveralNodesWithoutClusterThenRefusedWithoutCredentials() {
        props.putAll(Map.of("session.store", "redis", "session.encryption-key", KEY_A,
                "session.redis-url", "http://user:pw@10.0.0.5:6379"));
        ConfigProblem notRedis = problemFor(problems(Map.of()), "session.redis-url");
        assertFalse(notRedis.toString().contains("pw@"), notRedis.toString());

        props.put("session.redis-url", "redis://10.0.0.5:6379,redis://10.0.0.6:6379");
        assertTrue(problemFor(problems(Map.of()), "session.redis-url").message().contains("session.redis-cluster=true"));

        props.put("session.redis-cluster", "true");
        assertDoesNotThrowConfig();
    }

    @Test
    void serverWarmUpWhenUnsetThenAtMostTwentySecondsAndZeroTurnsItOff() throws Exception {
        assertEquals(Duration.ofSeconds(20), load(Map.of()).server().warmUp());
        props.put("server.warm-up", "0");
        assertEquals(Duration.ZERO, load(Map.of()).server().warmUp());
        props.put("server.warm-up", "45s");
        assertEquals(Duration.ofSeconds(45), load(Map.of()).server().warmUp());
        props.put("server.warm-up", "-1");
        assertTrue(problemFor(problems(Map.of()), "server.warm-up").message().contains("30s"));
    }

    @Test
    void sessionRedisLocalCacheWhenUnsetThenOneSecondZeroTurnsItOffAndWithMemoryRefused() throws Exception {
        props.putAll(Map.of("session.store", "redis", "session.encryption-key", KEY_A,
                "session.redis-url", "redis://127.0.0.1:6379"));
        assertEquals(Duration.ofSeconds(1), ((SessionStoreConfig.Redis) load(Map.of()).session().store()).localCache());
        props.put("session.redis-local-cache", "0");
        assertEquals(Duration.ZERO, ((SessionStoreConfig.Redis) load(Map.of()).session().store()).localCache());
        props.put("session.redis-local-cache", "250ms");
        assertEquals(Duration.ofMillis(250), ((SessionStoreConfig.Redis) load(Map.of()).session().store()).localCache());
        props.put("session.redis-local-cache", "soon");
        assertTrue(problemFor(problems(Map.of()), "session.redis-local-cache").message().contains("500ms"));

        props.put("session.store", "memory");
        props.remove("session.redis-url");
        props.remove("session.encryption-key");
        props.put("session.redis-local-cache", "2s");
        assertTrue(problemFor(problems(Map.of()), "session.redis-local-cache").message().contains("session.store=redis"));
    }

    private void assertDoesNotThrowConfig() {
        try {
            assertTrue(((SessionStoreConfig.Redis) load(Map.of()).session().store()).cluster());
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    @Test
    void forwardingKeysWhenSetThenReadAndWhenUnsetThenDefaults() throws Exception {
        GatewayConfig defaults = load(Map.of());
        assertEquals(List.of(), defaults.server().trustedProxies());
        assertEquals(Duration.ofSeconds(10), defaults.upstream().connectTimeout());
        assertFalse(defaults.upstream().preserveHost());
        assertTrue(defaults.upstream().caFile().isEmpty());

        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        props.putAll(Map.of("server.trusted-proxies", "10.0.0.0/8, 127.0.0.1/32,fd00::/8",
                "upstream.connect-timeout", "2s", "upstream.preserve-host", "true", "upstream.ca-file", "ca.pem",
                "route.api.path", "/api", "route.api.upstream", "http://10.0.0.5:8080", "route.api.timeout", "5s",
                "route.web.path", "/web", "route.web.upstream", "http://10.0.0.6:8080"));
        GatewayConfig c = load(Map.of());

        assertEquals("[10.0.0.0/8, 127.0.0.1/32, fd00:0:0:0:0:0:0:0/8]", c.server().trustedProxies().toString());
        assertTrue(c.server().trustedProxies().get(0).contains("10.1.2.3"));
        assertFalse(c.server().trustedProxies().get(0).contains("11.0.0.1"));
        assertTrue(c.server().trustedProxies().get(2).contains("fd12::1"));
        assertFalse(c.server().trustedProxies().get(1).contains("localhost"), "literals only, never DNS");
        assertEquals(Duration.ofSeconds(2), c.upstream().connectTimeout());
        assertTrue(c.upstream().preserveHost());
        assertEquals(dir.resolve("ca.pem"), c.upstream().caFile().orElseThrow());
        Map<String, Duration> timeouts = new HashMap<>();
        c.upstream().routes().forEach(r -> timeouts.put(r.name(), r.timeout()));
        assertEquals(Map.of("api", Duration.ofSeconds(5), "web", Duration.ofSeconds(60)), timeouts);
    }

    @Test
    void trustedProxiesWhenNotAnAddressBlockThenRefusedWithAnExample() {
        props.put("server.trusted-proxies", "10.0.0.0/8, proxy.internal, 10.0.0.0/33");

        List<ConfigProblem> problems = problems(Map.of());

        List<ConfigProblem> mine = problems.stream().filter(p -> p.key().equals("server.trusted-proxies")).toList();
        assertEquals(2, mine.size(), mine.toString());
        assertTrue(mine.get(0).message().contains("'proxy.internal'") && mine.get(0).message().contains("10.0.0.0/8"));
    }

    @Test
    void upstreamCaFileWhenMissingThenNamedWithItsPath() {
        props.put("upstream.ca-file", "nowhere.pem");

        assertTrue(problemFor(problems(Map.of()), "upstream.ca-file").message().contains("file not found"));
    }

    @Test
    void serverTlsWhenHalfConfiguredOrOverPlainHttpThenEachProblemNamed() throws Exception {
        props.putAll(Map.of("server.tls.certificate", "client.crt", "server.public-url", "https://gw.example.com"));
        assertTrue(problemFor(problems(Map.of()), "server.tls.key").message().contains("go together"));

        props.put("server.tls.key", "client.key");
        GatewayConfig pem = load(Map.of());
        assertEquals(new ServerTlsConfig.PemFiles(dir.resolve("client.crt"), dir.resolve("client.key")),
                pem.server().tls().orElseThrow());
        assertTrue(pem.server().http2());

        props.put("server.public-url", "http://gw.example.com");
        assertTrue(problemFor(problems(Map.of()), "server.public-url").message().contains("https://"));

        props.remove("server.tls.certificate");
        props.remove("server.tls.key");
        props.putAll(Map.of("server.public-url", "https://gw.example.com", "server.tls.keystore", "client.crt",
                "server.http2", "false"));
        assertTrue(problemFor(problems(Map.of()), "server.tls.keystore-password").message().contains("required"));
        props.put("server.tls.keystore-password", "s3cret-store");
        GatewayConfig store = load(Map.of());
        assertFalse(store.server().http2());
        assertFalse(store.toString().contains("s3cret-store"));
    }

    @Test
    void pkcs11WhenLibraryKeyLabelPinAndSlotAreMissingThenEachIsAProblemWithWhatItIs() {
        props.remove("oidc.client-key");
        props.put("oidc.client-keystore-type", "pkcs11");

        List<ConfigProblem> problems = problems(Map.of());

        assertTrue(problemFor(problems, "oidc.pkcs11.library").message().contains("libsofthsm2.so"));
        assertTrue(problemFor(problems, "oidc.pkcs11.key-label").message().contains("CKA_LABEL"));
        assertTrue(problemFor(problems, "oidc.client-keystore-password").message().contains("PIN"));
        assertTrue(problemFor(problems, "oidc.pkcs11.token-label").message().contains("oidc.pkcs11.slot"));
    }

    @Test
    void pkcs11WhenAKeyFileOrBothTokenLabelAndSlotOrABadSlotThenProblems() throws Exception {
        Files.writeString(dir.resolve("module.so"), "");
        props.putAll(Map.of("oidc.client-keystore-type", "PKCS11", "oidc.pkcs11.library", "module.so",
                "oidc.pkcs11.key-label", "k", "oidc.client-keystore-password", "1234",
                "oidc.pkcs11.token-label", "t", "oidc.pkcs11.slot", "-1"));

        List<ConfigProblem> problems = problems(Map.of());

        assertTrue(problemFor(problems, "oidc.client-key").message().contains("stays in the token"));
        assertTrue(problemFor(problems, "oidc.pkcs11.slot").message().contains("not a slot id"));
        assertTrue(problemFor(problems, "oidc.pkcs11.token-label").message().contains("either"));
    }

    @Test
    void keystoreTypeWhenUnknownOrNotTheFilesTypeThenAProblem() throws Exception {
        props.remove("oidc.client-certificate");
        props.remove("oidc.client-key");
        TestCredentials.writeKeyStore(credentials, dir.resolve("client.p12"), "PKCS12", "pw");
        props.putAll(Map.of("oidc.client-keystore", "client.p12", "oidc.client-keystore-password", "pw",
                "oidc.client-keystore-type", "JKS"));

        assertTrue(problemFor(problems(Map.of()), "oidc.client-keystore").message()
                .contains("is a PKCS12 keystore but oidc.client-keystore-type says JKS"));
        props.put("oidc.client-keystore-type", "PEM");
        assertTrue(problemFor(problems(Map.of()), "oidc.client-keystore-type").message().contains("PKCS11"));
        props.put("oidc.client-keystore-type", "pkcs12");
        assertEquals(credentials.x5t(), credentials(load(Map.of())).x5t());
    }

    @Test
    void logAndShutdownKeysThenReadAndBadValuesNamed() throws Exception {
        props.putAll(Map.of("log.format", "json", "log.level", "DEBUG", "server.access-log", "logs/access.log",
                "server.shutdown-timeout", "30s"));
        Files.createDirectory(dir.resolve("logs"));

        GatewayConfig c = load(Map.of());

        assertEquals(LogConfig.Format.JSON, c.log().format());
        assertEquals(LogConfig.Level.DEBUG, c.log().level());
        assertEquals(dir.resolve("logs/access.log").toAbsolutePath(), c.log().accessLog().file().orElseThrow());
        assertEquals(java.time.Duration.ofSeconds(30), c.server().shutdownTimeout());
        props.putAll(Map.of("log.format", "xml", "log.level", "trace", "server.access-log", "missing/dir/a.log"));
        List<ConfigProblem> problems = problems(Map.of());
        assertTrue(problemFor(problems, "log.format").message().contains("text, json"));
        assertTrue(problemFor(problems, "log.level").message().contains("debug, info, warn"));
        assertTrue(problemFor(problems, "server.access-log").message().contains("writable directory"));
    }

    @Test
    void logDefaultsThenTextInfoStdoutAndTenSecondsToStop() throws Exception {
        GatewayConfig c = load(Map.of());

        assertEquals(LogConfig.DEFAULT, c.log());
        assertEquals(java.time.Duration.ofSeconds(10), c.server().shutdownTimeout());
        props.put("server.access-log", "off");
        assertFalse(load(Map.of()).log().accessLog().enabled());
    }

    @Test
    void pkcs11WhenCompleteThenATokenDescriptionWithTheFilePathsResolved() throws Exception {
        Files.writeString(dir.resolve("module.so"), "");
        props.remove("oidc.client-key");
        props.putAll(Map.of("oidc.client-keystore-type", "PKCS11", "oidc.pkcs11.library", "module.so",
                "oidc.pkcs11.key-label", "gw", "oidc.client-keystore-password", "1234",
                "oidc.pkcs11.slot", "4294967295"));

        GatewayConfig c = new ConfigLoader(Map.of()).load(props, dir);

        assertEquals(new ClientKeyConfig.Pkcs11Token(dir.resolve("module.so"), java.util.Optional.empty(),
                java.util.Optional.of(4294967295L), "gw", new Secret("1234"),
                java.util.Optional.of(dir.resolve("client.crt"))), c.oidc().clientKey().orElseThrow());
        props.put("oidc.pkcs11.slot", "4294967296");
        assertTrue(problemFor(assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(props, dir))
                .problems(), "oidc.pkcs11.slot").message().contains("0 to 4294967295"));
    }
}
