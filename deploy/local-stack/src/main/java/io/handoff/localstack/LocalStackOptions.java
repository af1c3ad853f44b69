package io.handoff.localstack;

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
 */
public record LocalStackOptions(Path workDir, int kafkaPort, int databasePort, int route53Port,
        int dnsPort, Duration insyncDelay) {

    public LocalStackOptions {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(insyncDelay, "insyncDelay");
    }

    /** Free ports everywhere, data under {@code workDir}, changes INSYNC after 200 ms. */
    public static LocalStackOptions freePorts(Path workDir) {
        return new LocalStackOptions(workDir, 0, 0, 0, 0, Duration.ofMillis(200));
    }
}
