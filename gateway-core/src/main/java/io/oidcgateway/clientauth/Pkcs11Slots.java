package io.oidcgateway.clientauth;

import io.oidcgateway.config.ConfigKeys;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the slot of a token by its label. The JDK's SunPKCS11 provider is configured by slot
 * only; the labels are read through the JDK's own PKCS#11 wrapper (the same native calls the
 * provider makes), which is internal: the JVM must export it, as the packaged jar's manifest does
 * ({@value #EXPORT}).
 */
final class Pkcs11Slots {
    static final String EXPORT = "--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";
    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";

    private Pkcs11Slots() {
    }

    static long byTokenLabel(Path library, String label) throws KeyMaterialException {
        List<String> seen = new ArrayList<>();
        try {
            Class<?> pkcs11 = Class.forName(WRAPPER + "PKCS11");
            Method getInstance = pkcs11.getMethod("getInstance", String.class, String.class,
                    Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS"), boolean.class);
            Object module = getInstance.invoke(null, library.toString(), "C_GetFunctionList", null, false);
            long[] slots = (long[]) pkcs11.getMethod("C_GetSlotList", boolean.class).invoke(module, true);
            Method tokenInfo = pkcs11.getMethod("C_GetTokenInfo", long.class);
            for (long slot : slots) {
                Object info = tokenInfo.invoke(module, slot);
                // CK_TOKEN_INFO.label is blank-padded to 32 characters.
                String tokenLabel = new String((char[]) info.getClass().getField("label").get(info)).strip();
                if (tokenLabel.equals(label)) {
                    return slot;
                }
                seen.add("'" + tokenLabel + "' (slot " + slot + ")");
            }
        } catch (IllegalAccessException | ClassNotFoundException | NoSuchMethodException | NoSuchFieldException e) {
            throw new Pkcs11KeyException(ConfigKeys.OIDC_PKCS11_TOKEN_LABEL, "finding a token by its label needs the"
                    + " JVM option " + EXPORT + " (the packaged oidc-gateway.jar sets it); or name the slot with"
                    + " oidc.pkcs11.slot instead");
        } catch (InvocationTargetException e) {
            throw new Pkcs11KeyException(ConfigKeys.OIDC_PKCS11_LIBRARY, library + " cannot be used as a PKCS#11"
                    + " module: " + e.getCause().getMessage());
        }
        throw new Pkcs11KeyException(ConfigKeys.OIDC_PKCS11_TOKEN_LABEL, "no token labelled '" + label + "' in "
                + library + (seen.isEmpty() ? " (no token is present)" : "; tokens present: " + String.join(", ", seen)));
    }
}
