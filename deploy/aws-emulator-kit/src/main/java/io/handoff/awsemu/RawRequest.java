package io.handoff.awsemu;

/**
 * An HTTP request as the front read it, before any API-specific parsing.
 *
 * @param method   the HTTP method, e.g. {@code POST}
 * @param rawPath  the path, still percent-encoded
 * @param rawQuery the query string, still percent-encoded; null when the URI has none
 * @param body     the request body; empty, never null, when there is none
 */
public record RawRequest(String method, String rawPath, String rawQuery, byte[] body) {

    public RawRequest {
        body = body == null ? new byte[0] : body;
    }

    /** What the request is called in counters and logs until an operation is known: {@code METHOD path}. */
    String unresolvedName() {
        return method + " " + rawPath;
    }
}
