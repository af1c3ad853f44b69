package io.handoff.dns.config;

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
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;

/**
 * The service's one {@link Route53Client}: built from {@link Route53Config} at first use, closed when the
 * application stops. Retries (throttling included) are the SDK's defaults; {@link SdkRetryCounter} counts them.
 * Every {@link ExecutionInterceptor} bean (the retry counter, and in tests a hook) sees each call.
 *
 * <p>Credentials: the configured static keys when given; none at all (unsigned requests) when only an
 * endpoint override is given, which suits the emulator; otherwise the default AWS chain.
 */
@ApplicationScoped
public class Route53ClientProducer {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

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
                .overrideConfiguration(o -> interceptors.forEach(o::addExecutionInterceptor));
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
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
