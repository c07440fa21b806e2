package io.oidcgateway.e2e;

import java.util.List;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;

/** A headless browser (HtmlUnit) and the few things a person does with it here. */
public final class Browser implements AutoCloseable {
    public final WebClient web = new WebClient();

    public Browser() {
        web.getOptions().setJavaScriptEnabled(false);
        web.getOptions().setCssEnabled(false);
        web.getOptions().setThrowExceptionOnFailingStatusCode(false);
        web.getOptions().setPrintContentOnFailingStatusCode(false);
    }

    public HtmlPage open(String url) throws Exception {
        return web.getPage(url);
    }

    /** Signs in on the demo IdP's login form and returns the page the browser ends on. */
    public static <P extends org.htmlunit.Page> P signIn(HtmlPage loginForm, String user, String password) throws Exception {
        if (!loginForm.getTitleText().startsWith("Sign in")) {
            throw new AssertionError("expected the IdP's login form but got '" + loginForm.getTitleText() + "' at "
                    + loginForm.getUrl());
        }
        loginForm.<HtmlInput>getHtmlElementById("username").type(user);
        loginForm.<HtmlInput>getHtmlElementById("password").type(password);
        return loginForm.getHtmlElementById("submit").click();
    }

    /** The values of one request header as the demo upstream's page shows them. */
    public static List<String> upstreamHeader(HtmlPage page, String name) {
        return page.querySelectorAll("td.header[data-name=\"" + name.toLowerCase() + "\"]").stream()
                .map(DomNode::getTextContent).toList();
    }

    @Override
    public void close() {
        web.close();
    }
}
