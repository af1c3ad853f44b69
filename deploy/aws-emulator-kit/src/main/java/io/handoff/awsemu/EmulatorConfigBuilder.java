package io.handoff.awsemu;

/**
 * The part of an emulator configuration's builder that every emulator has: where its API listens.
 * Defaults: host {@code 127.0.0.1}, port 0 (a free port). The configuration the subclass builds checks
 * the values.
 *
 * @param <B> the concrete builder, which every setter returns
 */
public abstract class EmulatorConfigBuilder<B extends EmulatorConfigBuilder<B>> {

    private String host = "127.0.0.1";
    private int httpPort;

    protected EmulatorConfigBuilder() {
    }

    /** The address the API binds to. */
    public B host(String host) {
        this.host = host;
        return self();
    }

    /** The API port; 0 picks a free port. */
    public B httpPort(int httpPort) {
        this.httpPort = httpPort;
        return self();
    }

    protected String host() {
        return host;
    }

    protected int httpPort() {
        return httpPort;
    }

    /** {@code this}, as the concrete builder. */
    protected abstract B self();
}
