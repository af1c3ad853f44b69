package io.handoff.awsemu;

/**
 * The errors every emulated API answers alike, raised by the kit rather than by an API's operations:
 * throttling, an injected fault and an internal failure. The SDKs map them by code, as they do the
 * APIs' own errors.
 */
public final class EmulatorError extends ApiError {

    private EmulatorError(String code, int httpStatus, String message) {
        super(code, httpStatus, message);
    }

    /** {@code Throttling}, HTTP 400, which the SDKs retry. */
    public static EmulatorError throttling() {
        return new EmulatorError("Throttling", 400, "Rate exceeded");
    }

    /** A fault a test injected: the given code and HTTP status, message {@code Injected fault: <code>}. */
    public static EmulatorError injected(String code, int httpStatus) {
        return new EmulatorError(code, httpStatus, "Injected fault: " + code);
    }

    /** {@code InternalFailure}, HTTP 500: an operation failed with an exception that is not an {@link ApiError}. */
    public static EmulatorError internalFailure(RuntimeException cause) {
        return new EmulatorError("InternalFailure", 500, "Internal error: " + cause);
    }
}
