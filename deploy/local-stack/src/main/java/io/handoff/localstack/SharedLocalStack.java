package io.handoff.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One local stack per JVM, shared by every test class in it (JUnit extension and Quarkus test
 * resource alike). It starts on first use; when the JVM exits it stops and its folder is deleted
 * (each stack holds two MariaDB installations, about 850 MB: left behind, runs fill the disk).
 */
public final class SharedLocalStack {
    private static LocalStack stack;

    private SharedLocalStack() {
    }

    /** The JVM's stack, started on the first call. Data lives under {@code target/local-stack-*}. */
    public static synchronized LocalStack get() {
        if (stack == null) {
            Path workDir = workDir();
            LocalStack started = LocalStack.start(LocalStackOptions.freePorts(workDir));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                Directories.deleteRecursively(workDir);
            }, "local-stack-shutdown"));
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
