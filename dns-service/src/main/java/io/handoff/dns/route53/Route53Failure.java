package io.handoff.dns.route53;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;

/**
 * A Route 53 call that failed after the SDK's own retries, classified for the step that made it. Only
 * {@link Kind#UNAVAILABLE} and {@link Kind#NO_ANSWER} may succeed when tried again unchanged.
 */
public final class Route53Failure extends RuntimeException {

    /** What went wrong, as far as the caller must tell apart. */
    public enum Kind {
        /** The hosted zone does not exist (unknown id, or no zone of that name). */
        NO_SUCH_ZONE,
        /** Route 53 refused the change batch as a whole (conflicting records, bad values); nothing applied. */
        INVALID_CHANGE_BATCH,
        /** Throttled beyond the SDK's retries, or a 5xx: not applied; another attempt may work. */
        UNAVAILABLE,
        /** No answer at all (connection refused, timeout): another attempt may work; a change sent may have been applied. */
        NO_ANSWER,
        /** Any other refusal (access denied, invalid input): the same request will fail again. */
        REJECTED
    }

    private final Kind kind;

    public Route53Failure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code true} when the same call may succeed later. */
    public boolean retryable() {
        return kind == Kind.UNAVAILABLE || kind == Kind.NO_ANSWER;
    }

    /** Runs one SDK call, turning its failure into a classified {@link Route53Failure}. */
    static <T> T translate(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw classify(e);
        }
    }

    static Route53Failure classify(SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            return new Route53Failure(Kind.NO_ANSWER, "Route 53 did not answer: " + e.getMessage(), e);
        }
        String message = service.awsErrorDetails() == null ? service.getMessage()
                : service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        Kind kind;
        if (e instanceof NoSuchHostedZoneException) {
            kind = Kind.NO_SUCH_ZONE;
        } else if (e instanceof InvalidChangeBatchException) {
            kind = Kind.INVALID_CHANGE_BATCH;
        } else if (service.isThrottlingException() || service.statusCode() >= 500) {
            kind = Kind.UNAVAILABLE;
        } else {
            kind = Kind.REJECTED;
        }
        return new Route53Failure(kind, message, e);
    }
}
