package io.handoff.kit.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A service whose Kafka credentials are wrong does not start: at start, a service configured for SASL asks the broker
 * for its metadata once as its principal; a refused login (wrong password, unknown user, a broker certificate the
 * truststore does not trust, a truststore that cannot be read) stops the start with a message naming the principal, the
 * broker and the setting to fix, never a password. A broker that does not answer in time does not stop it (it may come
 * later; the readiness check says so meanwhile). A plaintext service is not checked.
 * {@code handoff.kafka.credentials-check=false} turns it off.
 */
@ApplicationScoped
public class KafkaCredentialsCheck {
    private static final Logger LOG = Logger.getLogger(KafkaCredentialsCheck.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaClientSettings kafka;
    private final boolean enabled;

    public KafkaCredentialsCheck(KafkaClientSettings kafka,
            @ConfigProperty(name = "handoff.kafka.credentials-check", defaultValue = "true") boolean enabled) {
        this.kafka = kafka;
        this.enabled = enabled;
    }

    void onStart(@Observes @Priority(1) StartupEvent start) {
        if (enabled) {
            verify(kafka, TIMEOUT);
        }
    }

    /**
     * Logs in to the broker as {@code kafka}'s principal when it uses SASL or SSL.
     *
     * @throws KafkaCredentialsRefusedException when the broker refused the login, or the client could not be made
     */
    public static void verify(KafkaClientSettings kafka, Duration timeout) {
        if (kafka.protocol().equals("PLAINTEXT")) {
            return;
        }
        Map<String, Object> properties = kafka.clientProperties(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.CLIENT_ID_CONFIG, "handoff-credentials-check"));
        Admin admin;
        try {
            admin = Admin.create(properties);
        } catch (KafkaException e) {
            throw refused(kafka, "its Kafka client could not be made (" + rootMessage(e) + ")",
                    "kafka.ssl.truststore.location and kafka.ssl.truststore.password (KAFKA_SSL_TRUSTSTORE_*), "
                            + "kafka.sasl.jaas.config (KAFKA_SASL_JAAS_CONFIG)");
        }
        try (admin) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            LOG.infof("Kafka: the broker accepted %s", kafka.describe());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SslAuthenticationException ssl) {
                throw refused(kafka, "the TLS handshake failed (" + ssl.getMessage() + ")",
                        "kafka.ssl.truststore.location (KAFKA_SSL_TRUSTSTORE_LOCATION): the CA of the broker certificate");
            }
            if (e.getCause() instanceof AuthenticationException login) {
                throw refused(kafka, "the broker refused the login (" + login.getMessage() + ")",
                        "kafka.sasl.jaas.config (KAFKA_SASL_JAAS_CONFIG): the principal's user name and password");
            }
            LOG.warnf("Kafka: %s could not be checked at start (%s); the readiness check reports the broker", kafka.describe(),
                    rootMessage(e));
        } catch (TimeoutException e) {
            LOG.warnf("Kafka: %s did not answer within %d s at start; the readiness check reports the broker",
                    kafka.describe(), timeout.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static KafkaCredentialsRefusedException refused(KafkaClientSettings kafka, String what, String fix) {
        return new KafkaCredentialsRefusedException("this service does not start: it connects to Kafka as "
                + kafka.describe() + " and " + what + "; check " + fix);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** The broker refused this service's Kafka credentials. */
    public static final class KafkaCredentialsRefusedException extends IllegalStateException {
        KafkaCredentialsRefusedException(String message) {
            super(message);
        }
    }
}
