package io.handoff.dns.route53;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.Route53Exception;

class Route53FailureTest {

    @Test
    void unknownZoneAndRefusedBatchAreTerminal() {
        Route53Failure zone = Route53Failure.classify((NoSuchHostedZoneException) NoSuchHostedZoneException.builder()
                .awsErrorDetails(error("NoSuchHostedZone", "No hosted zone found with ID: Z1")).statusCode(404).build());
        Route53Failure batch = Route53Failure.classify((InvalidChangeBatchException) InvalidChangeBatchException.builder()
                .awsErrorDetails(error("InvalidChangeBatch", "[conflict]")).statusCode(400).build());

        assertThat(zone.kind()).isEqualTo(Route53Failure.Kind.NO_SUCH_ZONE);
        assertThat(zone.getMessage()).isEqualTo("NoSuchHostedZone: No hosted zone found with ID: Z1");
        assertThat(batch.kind()).isEqualTo(Route53Failure.Kind.INVALID_CHANGE_BATCH);
        assertThat(zone.retryable()).isFalse();
        assertThat(batch.retryable()).isFalse();
    }

    @Test
    void throttlingServerErrorsAndSilenceAreRetryable() {
        assertThat(Route53Failure.classify(service("Throttling", 400)).kind()).isEqualTo(Route53Failure.Kind.UNAVAILABLE);
        assertThat(Route53Failure.classify(service("ServiceUnavailable", 503)).kind()).isEqualTo(Route53Failure.Kind.UNAVAILABLE);
        assertThat(Route53Failure.classify(SdkClientException.create("connect timed out")).kind())
                .isEqualTo(Route53Failure.Kind.NO_ANSWER);
        assertThat(Route53Failure.classify(service("Throttling", 400)).retryable()).isTrue();
        assertThat(Route53Failure.classify(SdkClientException.create("connect timed out")).retryable()).isTrue();
    }

    @Test
    void priorRequestNotCompleteIsRetryableThrottling() {
        Route53Exception prior = service(Route53Failure.PRIOR_REQUEST_NOT_COMPLETE, 400);

        assertThat(Route53Failure.classify(prior).kind()).isEqualTo(Route53Failure.Kind.UNAVAILABLE);
        assertThat(Route53Failure.classify(prior).retryable()).isTrue();
        assertThat(Route53Failure.isThrottling(prior)).isTrue();
        assertThat(Route53Failure.isThrottling(service("Throttling", 400))).isTrue();
        assertThat(Route53Failure.isThrottling(service("AccessDenied", 403))).isFalse();
    }

    @Test
    void callGivenUpAtTheDeadlineIsRetryableAndSaysSo() {
        Route53Failure timedOut = Route53Failure.classify(ApiCallTimeoutException.create(3000));

        assertThat(timedOut.kind()).isEqualTo(Route53Failure.Kind.DEADLINE);
        assertThat(timedOut.retryable()).isTrue();
        assertThat(timedOut.getMessage()).contains("deadline", "throttling");
    }

    @Test
    void otherRefusalsAreTerminal() {
        Route53Failure denied = Route53Failure.classify(service("AccessDenied", 403));

        assertThat(denied.kind()).isEqualTo(Route53Failure.Kind.REJECTED);
        assertThat(denied.retryable()).isFalse();
    }

    private static Route53Exception service(String code, int status) {
        return (Route53Exception) Route53Exception.builder().awsErrorDetails(error(code, code + " happened"))
                .statusCode(status).build();
    }

    private static AwsErrorDetails error(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
    }
}
