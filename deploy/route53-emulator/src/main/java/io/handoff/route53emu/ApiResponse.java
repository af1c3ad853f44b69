package io.handoff.route53emu;

import java.util.Map;

/** An API response: HTTP status, extra headers and the XML body. */
record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse ok(byte[] body) {
        return new ApiResponse(200, Map.of(), body);
    }
}
