package io.handoff.dns.config;

import io.handoff.dns.route53.CallDeadline;
import io.handoff.dns.route53.Route53Failure;
import io.handoff.dns.route53.SdkRetryCounter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;

/**
 * The service's one {@link Route53Client}: built from {@link Route53Config} at first use, closed when the
 * application stops. Every {@link ExecutionInterceptor} bean (the retry counter, and in tests a hook) sees each call.
 *
 * <p>Retries ({@link #retryStrategy()}): throttling ({@code Throttling}, {@code PriorRequestNotComplete}), 5xx
 * and lost connections are retried with exponential backoff and full jitter, up to {@value #MAX_ATTEMPTS}
 * attempts per call, far more than the SDK's default of 3; what bounds them in practice is time: a call made
 * while a command runs is given up at the command's deadline ({@link CallDeadline}), any other call after
 * {@link #DEFAULT_CALL_TIMEOUT}. No retry circuit breaker: dns-service makes one call at a time and the
 * deadline already bounds its retries. {@link SdkRetryCounter} counts the retries.
 *
 * <p>Credentials: the configured static keys when given; none at all (unsigned requests) when only an
 * endpoint override is given, which suits the emulator; otherwise the default AWS chain.
 */
@ApplicationScoped
public class Route53ClientProducer {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    /** Attempts per call, the first included. */
    static final int MAX_ATTEMPTS = 50;
    /** First backoff bound after a throttled attempt; doubled per retry, with full jitter. */
    static final Duration THROTTLING_BACKOFF_BASE = Duration.ofMillis(200);
    /** First backoff bound after another retryable failure (5xx, no answer); doubled per retry, with full jitter. */
    static final Duration BACKOFF_BASE = Duration.ofMillis(100);
    /** Largest backoff bound between two attempts. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** API call timeout (retries included) of a call made outside any command's {@link CallDeadline}. */
    static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);

    @Produces
    @Singleton
    Route53Client route53Client(Route53Config config, AwsCredentialsProvider credentials,
            @Any Instance<ExecutionInterceptor> interceptors) {
        Route53ClientBuilder builder = Route53Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(o -> {
                    o.retryStrategy(retryStrategy()).apiCallTimeout(DEFAULT_CALL_TIMEOUT);
                    interceptors.forEach(o::addExecutionInterceptor);
                });
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The SDK's standard AWS retry strategy (its retryable errors and throttling codes) with
     * {@value #MAX_ATTEMPTS} attempts, exponential full-jitter backoff ({@link #THROTTLING_BACKOFF_BASE} after
     * throttling, {@link #BACKOFF_BASE} otherwise, at most {@link #MAX_BACKOFF}), {@code PriorRequestNotComplete}
     * retried as throttling ({@link Route53Failure#isThrottling}) and no circuit breaker.
     */
    static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(BACKOFF_BASE, MAX_BACKOFF))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(THROTTLING_BACKOFF_BASE, MAX_BACKOFF))
                .retryOnException(Route53Failure::isThrottling)
                .treatAsThrottling(Route53Failure::isThrottling)
                .circuitBreakerEnabled(false)
                .build();
    }

    void close(@Disposes Route53Client client) {
        client.close();
    }

    /** The client does not close the provider it was given: the application does, after the client. */
    @Produces
    @Singleton
    AwsCredentialsProvider route53Credentials(Route53Config config) {
        return credentials(config);
    }

    void close(@Disposes AwsCredentialsProvider credentials) throws Exception {
        if (credentials instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * The credentials {@code config} asks for.
     *
     * @throws IllegalStateException when only one of the two static keys is given (its value is not shown)
     */
    static AwsCredentialsProvider credentials(Route53Config config) {
        if (config.accessKeyId().isPresent() != config.secretAccessKey().isPresent()) {
            throw new IllegalStateException("handoff.route53.access-key-id and handoff.route53.secret-access-key "
                    + "must be given together (only " + (config.accessKeyId().isPresent() ? "the key id" : "the secret")
                    + " is set)");
        }
        if (config.accessKeyId().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId().get(),
                    config.secretAccessKey().get().reveal()));
        }
        if (config.endpointOverride().isPresent()) {
            return AnonymousCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
