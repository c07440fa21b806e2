package io.oidcgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/admin/../public        | dot segment ('..')",
            "/admin/x/../../public/x | dot segment ('..')",
            "/admin/..               | dot segment ('..')",
            "/./admin                | dot segment ('.')",
            "/admin/.                | dot segment ('.')",
            "/admin;/../public       | ';' path parameter",
            "/admin;jsessionid=x     | ';' path parameter",
            "/admin%3b/../public     | encoded semicolon (%3B)",
            "/admin%3B               | encoded semicolon (%3B)",
            "/admin/%2e%2e/public    | encoded dot (%2E)",
            "/%2E%2E/admin           | encoded dot (%2E)",
            "/.%2e/admin             | encoded dot (%2E)",
            "/public%2f..%2fadmin    | encoded slash (%2F)",
            "/public%2F..%2Fadmin    | encoded slash (%2F)",
            "/public%5c..%5cadmin    | encoded backslash (%5C)",
            "/public\\..\\admin      | backslash",
            "//admin                 | empty segment ('//')",
            "/public//admin          | empty segment ('//')",
            "/public/%252e%252e/a    | encoded percent sign (%25)",
            "/admin%00/public        | encoded control character",
            "/admin%0a               | encoded control character",
            "/admin%                 | not followed by two hex digits",
            "/admin%2                | not followed by two hex digits",
            "/admin%zz               | not followed by two hex digits",
            "/caf%C3                 | not UTF-8",
            "/caf%FF%FE              | not UTF-8",
            "admin                   | does not start with '/'",
            "*                       | does not start with '/'"})
    void parseWhenAmbiguousThenRefusedSayingWhy(String raw, String reason) {
        AmbiguousPathException e = assertThrows(AmbiguousPathException.class, () -> RequestPath.parse(raw.strip()));

        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin\u0000", "/admin x", "/admin\t", "/caf\u00e9", "/\u017b", "/a\u007f", "/a\u0020",
            "/a\u001f"})
    void parseWhenCharacterNotPercentEncodedThenRefused(String raw) {
        assertThrows(AmbiguousPathException.class, () -> RequestPath.parse(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/                    | /",
            "/public/             | /public/",
            "/public/x            | /public/x",
            "/%70ublic/x          | /public/x",
            "/caf%C3%A9/men%C3%BC | /café/menü",
            "/a%20b/c+d           | /a b/c+d",
            "/x%23y/z%3Fq         | /x#y/z?q",
            "/..a/b..             | /..a/b..",
            "/.well-known/x       | /.well-known/x",
            "/a:b@c!$&'()*,=~-_   | /a:b@c!$&'()*,=~-_",
            "/!~                  | /!~"})
    void parseWhenUnambiguousThenDecodedWithTheSameSegments(String raw, String decoded) throws Exception {
        RequestPath path = RequestPath.parse(raw.strip());

        assertEquals(raw.strip(), path.raw());
        assertEquals(decoded.strip(), path.decoded());
    }

    @Test
    void isUnderWhenPrefixThenWholeSegmentsOfTheDecodedPath() throws Exception {
        assertTrue(RequestPath.parse("/%70ublic/x").isUnder("/public"));
        assertTrue(RequestPath.parse("/public").isUnder("/public"));
        assertFalse(RequestPath.parse("/publicity").isUnder("/public"));
        assertFalse(RequestPath.parse("/admin/public").isUnder("/public"));
        assertTrue(RequestPath.parse("/anything").isUnder("/"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/items          | /api      | /items",
            "/api                | /api      | /",
            "/api/               | /api      | /",
            "/%61pi/it%65ms?     | /api      | /it%65ms?",
            "/api/v1/x/y         | /api/v1   | /x/y",
            "/x                  | /         | /x"})
    void rawWithoutWhenRouteStripsThenTheRawRestByWholeSegments(String raw, String prefix, String rest)
            throws Exception {
        assertEquals(rest.strip(), RequestPath.parse(raw.strip()).rawWithout(prefix.strip()));
    }
}
