package io.handoff.cutover.cluster;

import static io.handoff.cutover.support.Servers.A;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepType;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class WarmConnectionTest extends ReplicatedPairFixture {

    @Test
    void stepAfterTheServiceConnectionWasKilledReopensItAndSucceeds() throws Exception {
        succeeds(StepType.FLUSH_TABLES, on(A));
        assertThat(servers.killSessionsOf(servers.a(), "admin")).as("the service's warm connection").isPositive();

        succeeds(StepType.READ_ONLY, on(A));

        assertThat(servers.readOnly(servers.a())).isTrue();
    }
}
