package io.handoff.dns.route53;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;

/**
 * A Route 53 call that failed after the SDK's own retries, classified for the step that made it. Only
 * {@link Kind#UNAVAILABLE}, {@link Kind#DEADLINE} and {@link Kind#NO_ANSWER} may succeed when tried again
 * unchanged. Route 53's {@code PriorRequestNotComplete} (HTTP 400: an earlier request of the same caller is
 * still being processed) counts as throttling, like {@code Throttling} itself ({@link #isThrottling}).
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
        /**
         * The call, retries included, was given up at the step's deadline ({@link CallDeadline}): Route 53 kept
         * throttling, failing or not answering until then. Another attempt (with a new deadline) may work; a
         * change sent may have been applied if an attempt was under way when the time ran out.
         */
        DEADLINE,
        /** No answer at all (connection refused, timeout): another attempt may work; a change sent may have been applied. */
        NO_ANSWER,
        /** Any other refusal (access denied, invalid input): the same request will fail again. */
        REJECTED
    }

    /** Route 53's error code for "an earlier request is still being processed": retried as throttling. */
    public static final String PRIOR_REQUEST_NOT_COMPLETE = "PriorRequestNotComplete";

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
        return kind == Kind.UNAVAILABLE || kind == Kind.DEADLINE || kind == Kind.NO_ANSWER;
    }

    /**
     * {@code true} when the SDK must retry {@code failure} with its throttling backoff: an error the SDK
     * itself reads as throttling ({@code Throttling}, ...) or Route 53's {@code PriorRequestNotComplete}.
     */
    public static boolean isThrottling(Throwable failure) {
        if (!(failure instanceof SdkException sdk)) {
            return false;
        }
        if (RetryUtils.isThrottlingException(sdk)) {
            return true;
        }
        return failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                && PRIOR_REQUEST_NOT_COMPLETE.equals(service.awsErrorDetails().errorCode());
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
        if (e instanceof ApiCallTimeoutException) {
            return new Route53Failure(Kind.DEADLINE, "Route 53 was still throttling, failing or not answering when the"
                    + " step's deadline came; the SDK's retries stopped there (" + e.getMessage() + lastFailure(e) + ")", e);
        }
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
        } else if (isThrottling(service) || service.statusCode() >= 500) {
            kind = Kind.UNAVAILABLE;
        } else {
            kind = Kind.REJECTED;
        }
        return new Route53Failure(kind, message, e);
    }

    /** {@code "; last failure: <it>"} when the timed-out call carries the failure of its last attempt. */
    private static String lastFailure(SdkException timeout) {
        Throwable last = timeout.getCause();
        if (last == null && timeout.getSuppressed().length > 0) {
            last = timeout.getSuppressed()[timeout.getSuppressed().length - 1];
        }
        return last == null ? "" : "; last failure: " + last.getMessage();
    }
}
