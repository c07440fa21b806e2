package io.oidcgateway.clientauth;

import io.oidcgateway.config.ClientKeyConfig;
import io.oidcgateway.config.ConfigKeys;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A client key in a PKCS#11 token, through the JDK's SunPKCS11 provider: the private key is a
 * handle, and every assertion is signed inside the token. The key is found by the label of its
 * certificate entry (SunPKCS11 pairs a key with the certificate of the same {@code CKA_ID}).
 */
final class Pkcs11KeyLoader {
    private Pkcs11KeyLoader() {
    }

    static ClientCredentials load(ClientKeyConfig.Pkcs11Token token) throws KeyMaterialException {
        long slot = token.slot().isPresent() ? token.slot().get()
                : Pkcs11Slots.byTokenLabel(token.library(), token.tokenLabel().orElseThrow());
        String where = token.tokenLabel().map(l -> "token '" + l + "'").orElse("slot " + slot);
        KeyStore store = open(provider(token, slot), token, where);
        try {
            if (!store.isKeyEntry(token.keyLabel())) {
                throw new Pkcs11KeyException(ConfigKeys.OIDC_PKCS11_KEY_LABEL, "no private key labelled '"
                        + token.keyLabel() + "' with a certificate of the same CKA_ID in " + where + "; keys found: "
                        + keyLabels(store) + ". Import the certificate next to the key (pkcs11-tool --write-object"
                        + " client.der --type cert --label " + token.keyLabel() + " --id <the key's id>)");
            }
            PrivateKey key = (PrivateKey) store.getKey(token.keyLabel(), null);
            List<X509Certificate> chain = token.certificate().isPresent()
                    ? KeyMaterialLoader.readCertificates(token.certificate().get())
                    : chainOf(store, token.keyLabel());
            return new ClientCredentials(key, chain, "PKCS#11 " + where + ", key '" + token.keyLabel() + "'");
        } catch (GeneralSecurityException e) {
            throw new Pkcs11KeyException(ConfigKeys.OIDC_PKCS11_KEY_LABEL, "cannot read the key '" + token.keyLabel()
                    + "' from " + where + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * A SunPKCS11 instance for the slot, registered so that the JCA picks it for the token's key
     * handles (jose4j and the key check ask {@code Signature.getInstance} without naming a provider).
     */
    private static Provider provider(ClientKeyConfig.Pkcs11Token token, long slot) throws KeyMaterialException {
        String library = token.library().toString();
        if (library.contains("\"") || library.contains("\n")) {
            throw new Pkcs11KeyException(ConfigKeys.OIDC_PKCS11_LIBRARY, "the path may not hold quotes or line breaks");
        }
        try {
            Provider provider = Security.getProvider("SunPKCS11").configure("--name = oidc-gateway-"
                    + UUID.randomUUID() + "\nlibrary = \"" + library + "\"\nslot = " + slot + "\n");
            Security.addProvider(provider);
            return provider;
        } catch (java.security.ProviderException | IllegalArgumentException e) {
            throw new Pkcs11KeyException(ConfigKeys.OIDC_PKCS11_LIBRARY, "cannot use slot " + slot + " of " + library
                    + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }

    private static KeyStore open(Provider provider, ClientKeyConfig.Pkcs11Token token, String where)
            throws KeyMaterialException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, token.pin().reveal().toCharArray());
            return store;
        } catch (IOException e) {
            String why = pkcs11Reason(e);
            if (why.contains("CKR_PIN_LOCKED")) {
                throw new Pkcs11KeyException(ConfigKeys.OIDC_CLIENT_KEYSTORE_PASSWORD, "the user PIN of " + where
                        + " is locked after too many wrong PINs; its security officer must unlock it");
            }
            if (why.contains("CKR_PIN_INCORRECT") || why.contains("CKR_PIN_LEN_RANGE")) {
                throw new Pkcs11KeyException(ConfigKeys.OIDC_CLIENT_KEYSTORE_PASSWORD, "wrong PIN for " + where
                        + " (check oidc.client-keystore-password; a token locks after a few wrong PINs)");
            }
            throw new Pkcs11KeyException(ConfigKeys.OIDC_CLIENT_KEYSTORE_PASSWORD, "cannot log in to " + where + ": "
                    + why);
        } catch (GeneralSecurityException e) {
            throw new Pkcs11KeyException(ConfigKeys.OIDC_PKCS11_LIBRARY, "cannot open " + where + ": " + e.getMessage());
        }
    }

    /** SunPKCS11 wraps the token's own code (CKR_...) a few causes deep. */
    private static String pkcs11Reason(Throwable e) {
        StringBuilder reasons = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            reasons.append(t.getMessage()).append("; ");
        }
        return reasons.toString();
    }

    private static List<X509Certificate> chainOf(KeyStore store, String alias) throws GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        Certificate[] certificates = store.getCertificateChain(alias);
        for (Certificate c : certificates == null ? new Certificate[0] : certificates) {
            chain.add((X509Certificate) c);
        }
        return chain;
    }

    private static String keyLabels(KeyStore store) throws GeneralSecurityException {
        List<String> labels = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                labels.add("'" + alias + "'");
            }
        }
        return labels.isEmpty() ? "none" : String.join(", ", labels);
    }
}
