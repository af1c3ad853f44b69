package io.handoff.localstack;

import io.handoff.localstack.db.StackFlavor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link LocalStack}. Ports of 0 mean "pick a free one".
 *
 * @param workDir        folder for every component's data and logs
 * @param kafkaPort      broker client port
 * @param databasePort   port of both MariaDB servers (each on its own loopback address)
 * @param route53Port    Route 53 emulator HTTP port
 * @param dnsPort        DNS (UDP) port of the emulator
 * @param insyncDelay    how long a Route 53 change stays PENDING before INSYNC
 * @param sourceFlavor   the server of cluster {@code source}
 * @param targetFlavor   the server of cluster {@code target}
 * @param secureKafka    false by default; true: the broker speaks SASL_SSL only and enforces handoff's ACLs
 *                       ({@link io.handoff.localstack.kafka.KafkaSecurity}, {@code HandoffAcls}); services get their
 *                       principal's settings from {@link StackCoordinates#toProperties(String)}
 */
public record LocalStackOptions(Path workDir, int kafkaPort, int databasePort, int route53Port,
        int dnsPort, Duration insyncDelay, StackFlavor sourceFlavor, StackFlavor targetFlavor, boolean secureKafka) {
    /** System property naming the source's flavour of a test JVM's shared stack (default {@code mariadb}). */
    public static final String SOURCE_FLAVOR_PROPERTY = "handoff.stack.source-flavor";
    /** System property naming the target's flavour of a test JVM's shared stack (default {@code mariadb}). */
    public static final String TARGET_FLAVOR_PROPERTY = "handoff.stack.target-flavor";
    /** System property: {@code true} secures the broker of a test JVM's shared stack (default {@code false}). */
    public static final String SECURE_KAFKA_PROPERTY = "handoff.stack.secure-kafka";

    public LocalStackOptions {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(insyncDelay, "insyncDelay");
        Objects.requireNonNull(sourceFlavor, "sourceFlavor");
        Objects.requireNonNull(targetFlavor, "targetFlavor");
    }

    /** Options with an unsecured broker. */
    public LocalStackOptions(Path workDir, int kafkaPort, int databasePort, int route53Port,
            int dnsPort, Duration insyncDelay, StackFlavor sourceFlavor, StackFlavor targetFlavor) {
        this(workDir, kafkaPort, databasePort, route53Port, dnsPort, insyncDelay, sourceFlavor, targetFlavor, false);
    }

    /**
     * Free ports everywhere, data under {@code workDir}, changes INSYNC after 200 ms; the flavours named by
     * {@value #SOURCE_FLAVOR_PROPERTY} and {@value #TARGET_FLAVOR_PROPERTY}, MariaDB when unset; a secured broker when
     * {@value #SECURE_KAFKA_PROPERTY} is {@code true}.
     */
    public static LocalStackOptions freePorts(Path workDir) {
        return new LocalStackOptions(workDir, 0, 0, 0, 0, Duration.ofMillis(200),
                StackFlavor.parse(System.getProperty(SOURCE_FLAVOR_PROPERTY, "mariadb")),
                StackFlavor.parse(System.getProperty(TARGET_FLAVOR_PROPERTY, "mariadb")),
                Boolean.getBoolean(SECURE_KAFKA_PROPERTY));
    }

    /** These options with other flavours. */
    public LocalStackOptions withFlavors(StackFlavor source, StackFlavor target) {
        return new LocalStackOptions(workDir, kafkaPort, databasePort, route53Port, dnsPort, insyncDelay, source, target,
                secureKafka);
    }

    /** These options with a secured broker ({@code secure}) or an unsecured one. */
    public LocalStackOptions withSecureKafka(boolean secure) {
        return new LocalStackOptions(workDir, kafkaPort, databasePort, route53Port, dnsPort, insyncDelay, sourceFlavor,
                targetFlavor, secure);
    }
}
