package io.handoff.route53emu;

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
}
