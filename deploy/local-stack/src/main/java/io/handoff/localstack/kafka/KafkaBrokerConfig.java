package io.handoff.localstack.kafka;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a local broker listens and keeps its data.
 *
 * @param dataDir    folder for the broker's logs, metadata and server.properties; reused on restart
 * @param port       client port on 127.0.0.1 (PLAINTEXT, or SASL_SSL when secured)
 * @param controllerPort KRaft controller port on 127.0.0.1
 * @param maxHeap    -Xmx of the broker JVM, e.g. "512m"
 * @param secured    false (the default): PLAINTEXT everywhere and no authorizer; true: {@code port} speaks SASL_SSL
 *                   (SCRAM-SHA-512), the controller mutual TLS, and ACLs decide ({@link KafkaSecurity})
 */
public record KafkaBrokerConfig(Path dataDir, int port, int controllerPort, String maxHeap, boolean secured) {
    public KafkaBrokerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port <= 0 || controllerPort <= 0 || port == controllerPort) {
            throw new IllegalArgumentException("broker needs two distinct ports, got " + port + " and " + controllerPort);
        }
        Objects.requireNonNull(maxHeap, "maxHeap");
    }

    /** An unsecured broker (PLAINTEXT, no authorizer). */
    public KafkaBrokerConfig(Path dataDir, int port, int controllerPort, String maxHeap) {
        this(dataDir, port, controllerPort, maxHeap, false);
    }
}
