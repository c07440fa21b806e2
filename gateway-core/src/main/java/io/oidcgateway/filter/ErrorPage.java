package io.oidcgateway.filter;

/** The gateway's error page: what happened, the known cause and fix, and the request id. */
final class ErrorPage {
    private ErrorPage() {
    }

    static String html(GatewayError error, String requestId) {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(error.title())).append(" - oidc-gateway</title>")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;")
                .append("color:#222}h1{font-size:1.4rem}.hint{background:#f4f6fa;border-left:4px solid #3a6ea5;")
                .append("padding:.6rem 1rem}small{color:#666}</style></head><body>")
                .append("<p><small>oidc-gateway</small></p><h1>").append(Html.escape(error.title())).append("</h1>")
                .append("<p class=\"detail\">").append(Html.escape(error.detail())).append("</p>");
        error.hint().ifPresent(h -> sb.append("<div class=\"hint\"><p><strong>").append(Html.escape(h.code()))
                .append("</strong>: ").append(Html.escape(h.cause())).append("</p><p>How to fix: ")
                .append(Html.escape(h.fix())).append("</p></div>"));
        sb.append("<p><a href=\"/\">Back to the start page</a></p>")
                .append("<p><small>Request id: <code>").append(Html.escape(requestId))
                .append("</code> (quote it to your administrator; it is in the gateway's log)</small></p>")
                .append("</body></html>");
        return sb.toString();
    }
}
