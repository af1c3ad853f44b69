package io.handoff.route53emu;

import io.handoff.awsemu.ApiError;
import java.util.List;
import java.util.Map;

/**
 * A Route 53 API error: the error code, HTTP status and message that the HTTP layer writes as a Route 53
 * {@code ErrorResponse}. Thrown by the store, the validator and the request readers; never escapes the
 * HTTP handler.
 */
final class Route53Error extends ApiError {

    /** HTTP statuses of well-known Route 53 error codes; other codes default to 400. */
    private static final Map<String, Integer> STATUS_BY_CODE = Map.of(
            "NoSuchHostedZone", 404,
            "NoSuchChange", 404,
            "HostedZoneAlreadyExists", 409,
            "InternalFailure", 500,
            "InternalError", 500,
            "ServiceUnavailable", 503);

    Route53Error(String code, int httpStatus, String message) {
        super(code, httpStatus, message);
    }

    /** Route 53's usual HTTP status for {@code code}: 404, 409, 500 or 503 for the well-known codes, 400 otherwise. */
    static int statusOf(String code) {
        return STATUS_BY_CODE.getOrDefault(code, 400);
    }

    static Route53Error invalidInput(String message) {
        return new Route53Error("InvalidInput", 400, message);
    }

    /**
     * The error for a rejected change batch. Route 53 reports all problems of the batch in one message,
     * as a bracketed comma-separated list.
     */
    static Route53Error invalidChangeBatch(List<String> messages) {
        return new Route53Error("InvalidChangeBatch", 400, "[" + String.join(", ", messages) + "]");
    }

    static Route53Error noSuchHostedZone(String id) {
        return new Route53Error("NoSuchHostedZone", 404, "No hosted zone found with ID: " + id);
    }

    static Route53Error noSuchChange(String id) {
        return new Route53Error("NoSuchChange", 404, "A change with the specified change ID does not exist: " + id);
    }

    static Route53Error hostedZoneAlreadyExists(String name, String callerReference) {
        return new Route53Error("HostedZoneAlreadyExists", 409,
                "A hosted zone has already been created with the specified caller reference " + callerReference
                        + " (zone " + name + ")");
    }

    static Route53Error hostedZoneNotEmpty(String id) {
        return new Route53Error("HostedZoneNotEmpty", 400,
                "The specified hosted zone contains non-required resource record sets and so cannot be deleted: "
                        + id);
    }

    static Route53Error invalidDomainName(String name) {
        return new Route53Error("InvalidDomainName", 400, "The domain name is invalid: " + name);
    }

    static Route53Error unknownOperation(String method, String path) {
        return new Route53Error("InvalidAction", 400,
                "The action or operation requested is not supported by the emulator: " + method + " " + path);
    }
}
