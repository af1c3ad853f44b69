package io.handoff.route53emu;

import io.handoff.awsemu.EmulatorConfigBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link Route53Emulator}.
 *
 * @param host          address both servers bind to; default {@code 127.0.0.1}
 * @param httpPort      API port; 0 (default) picks a free port
 * @param dnsPort       UDP DNS port; 0 (default) picks a free port
 * @param insyncDelay   how long a change reports {@code PENDING} before {@code INSYNC}; default zero
 *                      (the submission response still says {@code PENDING}, as Route 53's always does)
 * @param weightedSeed  seed for the weighted-routing choice of the DNS server, for reproducible tests;
 *                      null (default) for an unseeded generator
 */
public record Route53EmulatorConfig(String host, int httpPort, int dnsPort, Duration insyncDelay,
                                    Long weightedSeed) {

    public Route53EmulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(insyncDelay, "insyncDelay");
        if (httpPort < 0 || httpPort > 65_535 || dnsPort < 0 || dnsPort > 65_535) {
            throw new IllegalArgumentException("ports must be in 0..65535");
        }
        if (insyncDelay.isNegative()) {
            throw new IllegalArgumentException("insyncDelay must not be negative");
        }
    }

    /** 127.0.0.1, free ports, no in-sync delay, unseeded weighted routing. */
    public static Route53EmulatorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the {@link #defaults()} preset. */
    public static final class Builder extends EmulatorConfigBuilder<Builder> {
        private int dnsPort;
        private Duration insyncDelay = Duration.ZERO;
        private Long weightedSeed;

        private Builder() {
        }

        public Builder dnsPort(int dnsPort) {
            this.dnsPort = dnsPort;
            return this;
        }

        public Builder insyncDelay(Duration insyncDelay) {
            this.insyncDelay = insyncDelay;
            return this;
        }

        public Builder weightedSeed(Long weightedSeed) {
            this.weightedSeed = weightedSeed;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Route53EmulatorConfig build() {
            return new Route53EmulatorConfig(host(), httpPort(), dnsPort, insyncDelay, weightedSeed);
        }
    }
}
