package io.handoff.awsemu;

import java.util.Map;

/**
 * An API response: HTTP status, extra headers and the XML body (empty for none). The front adds
 * {@code Content-Type} and {@code x-amzn-RequestId}.
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    /** HTTP 200 with {@code body} and no extra headers. */
    public static ApiResponse ok(byte[] body) {
        return new ApiResponse(200, Map.of(), body);
    }
}
