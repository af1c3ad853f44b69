package io.handoff.kit.steps;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Where the drills arm a {@link Failpoints failpoint} ({@code handoff.executor.failpoint.*}). Absent in production:
 * no file is read and nothing pauses.
 */
@ConfigMapping(prefix = "handoff.executor.failpoint")
public interface FailpointConfig {

    /**
     * A file whose lines name where this service pauses, as {@code <step id or type>@before} (the step's command
     * was admitted and its STARTED event published, its handler not yet called) or {@code <step id or type>@after}
     * (the handler has changed the servers, its outcome is not yet published). Read before and after every command.
     */
    Optional<String> file();
}
