package io.handoff.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One local stack per JVM, shared by every test class in it (JUnit extension and Quarkus test
 * resource alike). It starts on first use and stops when the JVM exits.
 */
public final class SharedLocalStack {
    private static LocalStack stack;

    private SharedLocalStack() {
    }

    /** The JVM's stack, started on the first call. Data lives under {@code target/local-stack-*}. */
    public static synchronized LocalStack get() {
        if (stack == null) {
            LocalStack started = LocalStack.start(LocalStackOptions.freePorts(workDir()));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-stack-shutdown"));
            stack = started;
        }
        return stack;
    }

    private static Path workDir() {
        try {
            Path build = Path.of("target");
            Files.createDirectories(build);
            return Files.createTempDirectory(build.toAbsolutePath(), "local-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local stack's folder", e);
        }
    }
}
