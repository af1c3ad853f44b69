package io.handoff.localstack.testing;

import io.handoff.localstack.Directories;
import io.handoff.localstack.FreePorts;
import io.handoff.localstack.kafka.KafkaBroker;
import io.handoff.localstack.kafka.KafkaBrokerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Kafka broker of its own (KRaft, one node) for a test that needs topics in a state the shared local stack must
 * not be put in: handoff's topics missing, or created with unsafe settings. Its data lives under
 * {@code target/scratch-kafka-*} and is deleted by {@link #close()}. Only Kafka: no databases, no emulators.
 */
public final class ScratchKafka implements AutoCloseable {
    private final Path dir;
    private final KafkaBroker broker;

    private ScratchKafka(Path dir, boolean secured) {
        this.dir = dir;
        this.broker = new KafkaBroker(new KafkaBrokerConfig(dir, FreePorts.orFree(0), FreePorts.orFree(0), "256m", secured));
    }

    /** Starts a fresh broker and returns once it answers metadata requests. */
    public static ScratchKafka start() {
        return start(false);
    }

    /**
     * Starts a fresh secured broker (SASL_SSL, ACLs; {@link io.handoff.localstack.kafka.KafkaSecurity}) with no topic
     * and no ACL yet; {@link KafkaBroker#adminProperties()} reach it as the super user.
     */
    public static ScratchKafka startSecured() {
        return start(true);
    }

    private static ScratchKafka start(boolean secured) {
        Path dir;
        try {
            Path build = Path.of("target");
            Files.createDirectories(build);
            dir = Files.createTempDirectory(build.toAbsolutePath(), "scratch-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for a scratch broker", e);
        }
        ScratchKafka kafka = new ScratchKafka(dir, secured);
        try {
            kafka.broker.start();
            return kafka;
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public KafkaBroker broker() {
        return broker;
    }

    @Override
    public void close() {
        broker.close();
        Directories.deleteRecursively(dir);
    }
}
