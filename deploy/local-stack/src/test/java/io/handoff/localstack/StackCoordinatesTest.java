package io.handoff.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.localstack.db.StackFlavor;
import io.handoff.localstack.mariadb.DbAccount;
import org.junit.jupiter.api.Test;

class StackCoordinatesTest {
    private static final DbAccount ADMIN = new DbAccount("handoff_admin", "s3cret-admin");

    private final StackCoordinates coordinates = new StackCoordinates("127.0.0.1:9092",
            new StackCoordinates.Side("127.0.0.2", 3306, StackFlavor.MARIADB, ADMIN, "127.0.1.2", 4306),
            new StackCoordinates.Side("127.0.0.3", 3306, StackFlavor.MARIADB, ADMIN, "127.0.1.3", 4306),
            new DbAccount("handoff_repl", "s3cret-repl"), "http://127.0.0.1:8053", "127.0.0.1:5353",
            "http://127.0.0.1:8054", "us-east-1");

    @Test
    void theDescriptionNamesEachClustersApplicationEndpointAndNoPassword() {
        String described = coordinates.describe();

        assertThat(described).contains("RDS endpoints     127.0.1.2:4306  (handoff-source -> source), 127.0.1.3:4306"
                + "  (handoff-target -> target)");
        assertThat(described).doesNotContain("s3cret");
    }

    @Test
    void theServicesAreConfiguredWithTheServersOwnAddresses() {
        assertThat(coordinates.toProperties()).containsEntry("handoff.clusters.source.host", "127.0.0.2")
                .containsEntry("handoff.clusters.target.host", "127.0.0.3")
                .containsEntry("handoff.rds.clusters.target.cluster-id", StackRds.TARGET_CLUSTER_ID);
    }
}
