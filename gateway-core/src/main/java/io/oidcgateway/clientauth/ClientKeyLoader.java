package io.oidcgateway.clientauth;

import io.oidcgateway.config.AssertionAlgorithm;
import io.oidcgateway.config.ClientKeyConfig;
import io.oidcgateway.config.ConfigCheck;
import io.oidcgateway.config.ConfigException;
import io.oidcgateway.config.ConfigKeys;
import io.oidcgateway.config.ConfigProblem;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.config.OidcConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Loads the key material a configuration describes and checks it fits the assertion
 * algorithm. As a {@link ConfigCheck} its problems are reported with every other
 * configuration problem; what it loaded while checking is kept, so a key store (or, later,
 * a hardware token and its PIN) is opened once.
 */
public final class ClientKeyLoader implements ConfigCheck {
    private final Clock clock;
    private final Map<ClientKeyConfig, ClientKeySource> loaded = new ConcurrentHashMap<>();

    public ClientKeyLoader(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void check(GatewayConfig config, Consumer<ConfigProblem> problems) {
        config.oidc().clientKey().ifPresent(key -> load(key, config.oidc().assertion().algorithm(), problems));
    }

    /**
     * @return the key source for {@code private_key_jwt}; empty when the client authenticates with a secret
     * @throws ConfigException naming the key and what is wrong with it
     */
    public Optional<ClientKeySource> load(OidcConfig oidc) throws ConfigException {
        if (oidc.clientKey().isEmpty()) {
            return Optional.empty();
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<ClientKeySource> source = load(oidc.clientKey().get(), oidc.assertion().algorithm(), problems::add);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return source;
    }

    private Optional<ClientKeySource> load(ClientKeyConfig key, AssertionAlgorithm alg,
            Consumer<ConfigProblem> problems) {
        ClientKeySource known = loaded.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            ClientCredentials credentials = read(key, alg);
            if (!credentials.privateKey().getAlgorithm().equals(alg.keyAlgorithm())) {
                problems.accept(new ConfigProblem(ConfigKeys.OIDC_ASSERTION_ALG, alg.joseName(), "needs an "
                        + alg.keyAlgorithm() + " key but " + credentials.source() + " holds an "
                        + credentials.privateKey().getAlgorithm() + " key; use "
                        + (alg.keyAlgorithm().equals("RSA") ? "ES256" : "RS256 or PS256")));
                return Optional.empty();
            }
            ClientKeySource source = watchedFiles(key).isEmpty() ? ClientKeySource.of(credentials)
                    : new WatchedClientKeySource(watchedFiles(key), () -> suited(read(key, alg), alg), credentials);
            loaded.put(key, source);
            return Optional.of(source);
        } catch (KeyMaterialException e) {
            String configKey = e instanceof Pkcs11KeyException p11 ? p11.configKey()
                    : key instanceof ClientKeyConfig.KeyStoreFile ? ConfigKeys.OIDC_CLIENT_KEYSTORE
                    : ConfigKeys.OIDC_CLIENT_KEY;
            problems.accept(new ConfigProblem(configKey, null, e.getMessage()));
            return Optional.empty();
        }
    }

    /** The files a replaced certificate arrives in; none for a certificate made at start-up. */
    private static List<Path> watchedFiles(ClientKeyConfig key) {
        if (key instanceof ClientKeyConfig.PemFiles pem) {
            return List.of(pem.certificate(), pem.key());
        }
        if (key instanceof ClientKeyConfig.KeyStoreFile store) {
            return List.of(store.file());
        }
        return List.of();
    }

    /** A replaced pair must suit the configured algorithm as the first did. */
    private static ClientCredentials suited(ClientCredentials credentials, AssertionAlgorithm alg)
            throws KeyMaterialException {
        if (!credentials.privateKey().getAlgorithm().equals(alg.keyAlgorithm())) {
            throw new KeyMaterialException(credentials.source() + " now holds an "
                    + credentials.privateKey().getAlgorithm() + " key but oidc.assertion.alg " + alg.joseName()
                    + " needs an " + alg.keyAlgorithm() + " key");
        }
        return credentials;
    }

    private ClientCredentials read(ClientKeyConfig key, AssertionAlgorithm alg) throws KeyMaterialException {
        if (key instanceof ClientKeyConfig.PemFiles pem) {
            return KeyMaterialLoader.fromPem(pem.certificate(), pem.key());
        }
        if (key instanceof ClientKeyConfig.KeyStoreFile store) {
            return KeyMaterialLoader.fromKeyStore(store.file(), store.password().reveal().toCharArray(), store.type());
        }
        if (key instanceof ClientKeyConfig.Pkcs11Token token) {
            return Pkcs11KeyLoader.load(token);
        }
        return new SelfSignedCertificates(clock, new SecureRandom()).create(
                alg.keyAlgorithm().equals("EC") ? KeyType.EC256 : KeyType.RSA2048, "CN=oidc-gateway-demo",
                Duration.ofDays(365), "ephemeral demo certificate");
    }
}
