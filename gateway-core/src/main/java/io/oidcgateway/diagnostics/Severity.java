package io.oidcgateway.diagnostics;

/** How bad a finding is: an ERROR makes the IdP refuse; a WARN may, or weakens security. */
public enum Severity {
    ERROR, WARN, INFO
}
