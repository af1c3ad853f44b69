package io.handoff.cutover.rds;

import io.handoff.cutover.config.RdsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.RdsClientBuilder;

/**
 * One {@link RdsClient} per region, built from {@link RdsConfig} at first use and closed when the
 * application stops. The SDK's standard retry strategy (throttling, 5xx, lost connections; a few attempts
 * with backoff) is kept: waits for a change to settle are this service's own polls, bounded by the
 * command's deadline.
 *
 * <p>Credentials, as dns-service's: the configured static keys when given; none (unsigned requests) when
 * only an endpoint override is given, which suits the emulator; otherwise the default AWS chain. They are
 * never logged.
 */
@Singleton
public class RdsClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    /** One API call, its retries included. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final RdsConfig config;
    private final Map<String, RdsClient> clients = new ConcurrentHashMap<>();
    private volatile AwsCredentialsProvider credentials;

    RdsClients(RdsConfig config) {
        this.config = config;
    }

    /** The client for {@code cluster}'s region. */
    public RdsClient forCluster(RdsConfig.Cluster cluster) {
        return clients.computeIfAbsent(cluster.region().orElse(config.region()), this::build);
    }

    /** The region {@code cluster} lives in. */
    public String regionOf(RdsConfig.Cluster cluster) {
        return cluster.region().orElse(config.region());
    }

    private RdsClient build(String region) {
        RdsClientBuilder builder = RdsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                        .apiCallTimeout(CALL_TIMEOUT));
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private synchronized AwsCredentialsProvider credentials() {
        if (credentials == null) {
            credentials = credentials(config);
        }
        return credentials;
    }

    /**
     * The credentials {@code config} asks for.
     *
     * @throws IllegalStateException when only one of the two static keys is given (its value is not shown)
     */
    static AwsCredentialsProvider credentials(RdsConfig config) {
        if (config.accessKeyId().isPresent() != config.secretAccessKey().isPresent()) {
            throw new IllegalStateException("handoff.rds.access-key-id and handoff.rds.secret-access-key must be given together"
                    + " (only " + (config.accessKeyId().isPresent() ? "the key id" : "the secret") + " is set)");
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

    @PreDestroy
    void close() {
        clients.values().forEach(RdsClient::close);
        clients.clear();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
    }
}
