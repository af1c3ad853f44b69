package io.handoff.dns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class Route53ClientProducerTest {
    private static final Optional<URI> EMULATOR = Optional.of(URI.create("http://127.0.0.1:4566"));

    @Test
    void staticKeysWinWhenGiven() {
        var credentials = Route53ClientProducer.credentials(config(EMULATOR, Optional.of("AKID"), Optional.of("s3cr3t")));

        assertThat(credentials).isInstanceOf(StaticCredentialsProvider.class);
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("AKID");
    }

    @Test
    void endpointOverrideWithoutKeysSendsUnsignedRequests() {
        assertThat(Route53ClientProducer.credentials(config(EMULATOR, Optional.empty(), Optional.empty())))
                .isInstanceOf(AnonymousCredentialsProvider.class);
    }

    @Test
    void awsWithoutKeysUsesTheDefaultChain() {
        assertThat(Route53ClientProducer.credentials(config(Optional.empty(), Optional.empty(), Optional.empty())))
                .isInstanceOf(DefaultCredentialsProvider.class);
    }

    @Test
    void aSecretWithoutKeyIdIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> Route53ClientProducer.credentials(config(EMULATOR, Optional.empty(), Optional.of("s3cr3t"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be given together")
                .hasMessageNotContaining("s3cr3t");
    }

    private static Route53Config config(Optional<URI> endpoint, Optional<String> keyId, Optional<String> secret) {
        return new Route53Config() {
            @Override
            public Optional<URI> endpointOverride() {
                return endpoint;
            }

            @Override
            public String region() {
                return "aws-global";
            }

            @Override
            public Duration insyncPollInitial() {
                return Duration.ofMillis(50);
            }

            @Override
            public Duration insyncPollMax() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Optional<String> accessKeyId() {
                return keyId;
            }

            @Override
            public Optional<Secret> secretAccessKey() {
                return secret.map(Secret::of);
            }

            @Override
            public Optional<String> dnsServer() {
                return Optional.empty();
            }
        };
    }
}
