package io.handoff.awsemu;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the name-value pairs of a request: a Query protocol body ({@code application/x-www-form-urlencoded},
 * where {@code +} is a space) or a REST request's query string and path segments (percent-encoding only, where
 * {@code +} is itself). In both, the first value of a repeated name wins and a name without {@code =} has
 * the empty value.
 */
public final class UrlParams {

    private UrlParams() {
    }

    /** Parses a form-encoded body; null or empty gives no parameters. The map keeps the body's order. */
    public static Map<String, String> form(String body) {
        return parse(body, true);
    }

    /** Parses a raw (still percent-encoded) query string; null or empty gives no parameters. */
    public static Map<String, String> query(String rawQuery) {
        return parse(rawQuery, false);
    }

    /** Percent-decodes one component of a path or query string; {@code +} stays {@code +}. */
    public static String decodeComponent(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> parse(String encoded, boolean plusIsSpace) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), plusIsSpace);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), plusIsSpace);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    private static String decode(String s, boolean plusIsSpace) {
        return plusIsSpace ? URLDecoder.decode(s, StandardCharsets.UTF_8) : decodeComponent(s);
    }
}
