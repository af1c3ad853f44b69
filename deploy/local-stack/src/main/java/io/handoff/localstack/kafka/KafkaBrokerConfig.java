package io.handoff.localstack.kafka;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a local broker listens and keeps its data.
 *
 * @param dataDir    folder for the broker's logs, metadata and server.properties; reused on restart
 * @param port       client (PLAINTEXT) port on 127.0.0.1
 * @param controllerPort KRaft controller port on 127.0.0.1
 * @param maxHeap    -Xmx of the broker JVM, e.g. "512m"
 */
public record KafkaBrokerConfig(Path dataDir, int port, int controllerPort, String maxHeap) {
    public KafkaBrokerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port <= 0 || controllerPort <= 0 || port == controllerPort) {
            throw new IllegalArgumentException("broker needs two distinct ports, got " + port + " and " + controllerPort);
        }
        Objects.requireNonNull(maxHeap, "maxHeap");
    }
}
