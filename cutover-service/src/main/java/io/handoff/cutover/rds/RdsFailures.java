package io.handoff.cutover.rds;

import io.handoff.kit.steps.StepFailedException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Decides whether an RDS API failure may go away on a retry, and words it. */
final class RdsFailures {
    /** Answers that the same request will get again until someone changes the configuration or the account. */
    private static final Set<String> TERMINAL_CODES = Set.of("DBClusterNotFoundFault", "InvalidParameterValue",
            "InvalidParameterCombination", "InvalidVPCNetworkStateFault", "AccessDenied", "AccessDeniedException",
            "UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch", "AuthFailure",
            "DBClusterSnapshotAlreadyExistsFault", "SnapshotQuotaExceeded", "InvalidAction", "OptInRequired");

    private RdsFailures() {
    }

    /**
     * Retryable: no answer (connection, timeout), throttling, 5xx, {@code InvalidDBClusterStateFault} (another
     * change settling). Terminal: the codes of {@link #TERMINAL_CODES} and any other 4xx.
     */
    static boolean retryable(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (code != null && TERMINAL_CODES.contains(code)) {
                return false;
            }
            return service.isThrottlingException() || service.statusCode() >= 500 || "InvalidDBClusterStateFault".equals(code);
        }
        return e instanceof SdkClientException;
    }

    /** The error code, or the exception's message when there is no answer. */
    static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + "): "
                    + service.awsErrorDetails().errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    static StepFailedException failed(String what, RdsTarget target, SdkException e, String state) {
        boolean retryable = retryable(e);
        return new StepFailedException(what + " on " + target.describe() + " failed (" + (retryable ? "retryable" : "terminal")
                + "): " + describe(e), retryable, state, null, e);
    }
}
