package io.handoff.route53emu;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One API request as the operations see it: the route it matched, its query parameters (decoded; the
 * first value wins) and its body.
 */
record ApiRequest(ApiRouter.Route route, Map<String, String> query, byte[] body) {

    ApiRequest {
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** Parses a raw (still percent-encoded) query string; null or empty gives no parameters. */
    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(key, value);
        }
        return out;
    }

    /** The parameter's value, or null if absent or empty. */
    String param(String name) {
        String v = query.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /**
     * A positive integer parameter, {@code dflt} when absent, capped at {@code max}.
     *
     * @throws Route53Error {@code InvalidInput} if present but not a positive integer
     */
    int intParam(String name, int dflt, int max) {
        String v = param(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return Math.min(n, max);
        } catch (NumberFormatException e) {
            throw Route53Error.invalidInput("Invalid request: " + name + " must be a positive integer: " + v);
        }
    }

    static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
