package io.handoff.awsemu;

import java.util.function.Function;

/**
 * One request resolved to an operation of the API, not yet served.
 *
 * @param operation the operation's API name (e.g. {@code ModifyDBCluster}), which counters and logs use
 * @param resource  what the call names, for the log line (e.g. {@code zone=Z123}); null when nothing
 * @param serving   serves the call given its request id: returns the response or throws the
 *                  {@link ApiError} to answer
 */
public record ApiCall(String operation, String resource, Function<String, ApiResponse> serving) {

    /** Serves the call; see {@link #serving()}. */
    ApiResponse serve(String requestId) {
        return serving.apply(requestId);
    }
}
