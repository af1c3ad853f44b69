package io.handoff.awsemu;

/**
 * An AWS API error: the error code, HTTP status and message an emulator's HTTP layer writes as the
 * API's {@code ErrorResponse}, which the SDK maps to its exception classes. Each emulator's errors extend
 * it with their API's codes; they never escape the HTTP handler.
 */
public abstract class ApiError extends RuntimeException {

    private final String code;
    private final int httpStatus;

    protected ApiError(String code, int httpStatus, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** {@code Sender} for 4xx statuses, {@code Receiver} otherwise, as in the APIs' error bodies. */
    public String type() {
        return httpStatus < 500 ? "Sender" : "Receiver";
    }
}
