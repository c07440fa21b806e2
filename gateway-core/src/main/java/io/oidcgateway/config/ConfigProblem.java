package io.oidcgateway.config;

/**
 * One thing wrong with the configuration: which key, the value as shown to the user
 * (never a secret), and what is wrong with it including how to fix it.
 */
public record ConfigProblem(String key, String shownValue, String message) {
    @Override
    public String toString() {
        return shownValue == null
                ? key + ": " + message
                : key + " = " + shownValue + ": " + message;
    }
}
