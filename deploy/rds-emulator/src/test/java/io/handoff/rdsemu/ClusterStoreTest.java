package io.handoff.rdsemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterStoreTest {
    private final MutableClock clock = new MutableClock();
    private final ClusterStore store = new ClusterStore(clock, RdsEmulatorConfig.builder()
            .transitionDelay(Duration.ofSeconds(2))
            .securityGroup("sg-apps", true).securityGroup("sg-restricted", false)
            .cluster(ClusterDefinition.auroraMysql("Handoff-Target", new InetSocketAddress("127.0.0.3", 3306), List.of("sg-apps")))
            .build(), Map.of("Handoff-Target", new InetSocketAddress("127.0.0.1", 41000)));

    @Test
    void aSecurityGroupChangeIsModifyingUntilTheDelayPassesAndOnlyThenChangesWhatTheEndpointAdmits() {
        ClusterView accepted = store.modifySecurityGroups("handoff-target", List.of("sg-restricted"));

        assertThat(accepted.status()).isEqualTo("modifying");
        assertThat(accepted.groups()).containsExactly(new GroupMembership("sg-restricted", "adding"),
                new GroupMembership("sg-apps", "removing"));
        assertThat(store.admitsApplications("handoff-target")).isTrue();
        assertThatThrownBy(() -> store.modifySecurityGroups("handoff-target", List.of("sg-apps")))
                .extracting(e -> ((RdsError) e).code()).isEqualTo("InvalidDBClusterStateFault");

        clock.advance(Duration.ofSeconds(2));

        ClusterView settled = store.describeClusters("HANDOFF-TARGET").get(0);
        assertThat(settled.status()).isEqualTo("available");
        assertThat(settled.groups()).containsExactly(new GroupMembership("sg-restricted", "active"));
        assertThat(store.admitsApplications("handoff-target")).isFalse();
    }

    @Test
    void theSameGroupsAgainChangeNothingAndUnknownGroupsOrClustersAreRefused() {
        assertThat(store.modifySecurityGroups("handoff-target", List.of("sg-apps")).status()).isEqualTo("available");
        assertThatThrownBy(() -> store.modifySecurityGroups("handoff-target", List.of("sg-nope")))
                .extracting(e -> ((RdsError) e).code()).isEqualTo("InvalidParameterValue");
        assertThatThrownBy(() -> store.describeClusters("other")).extracting(e -> ((RdsError) e).code())
                .isEqualTo("DBClusterNotFoundFault");
        ClusterView byArn = store.describeClusters("arn:aws:rds:us-east-1:123456789012:cluster:handoff-target").get(0);
        assertThat(byArn.identifier()).isEqualTo("handoff-target");
    }

    @Test
    void aSnapshotIsCreatingThenAvailableAndItsIdentifierIsUnique() {
        SnapshotView created = store.createSnapshot("Handoff-Plan-1", "handoff-target");

        assertThat(created.status()).isEqualTo("creating");
        assertThat(created.identifier()).isEqualTo("handoff-plan-1");
        assertThatThrownBy(() -> store.createSnapshot("handoff-plan-1", "handoff-target"))
                .extracting(e -> ((RdsError) e).code()).isEqualTo("DBClusterSnapshotAlreadyExistsFault");
        clock.advance(Duration.ofSeconds(2));
        assertThat(store.describeSnapshots("handoff-plan-1", null)).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo("available"))
                .satisfies(s -> assertThat(s.percentProgress()).isEqualTo(100));
        assertThat(store.describeSnapshots(null, "handoff-target")).hasSize(1);
        assertThatThrownBy(() -> store.describeSnapshots("nope", null)).extracting(e -> ((RdsError) e).code())
                .isEqualTo("DBClusterSnapshotNotFoundFault");
        assertThatThrownBy(() -> store.createSnapshot("bad--name", "handoff-target"))
                .extracting(e -> ((RdsError) e).code()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void aModifyingClusterCannotBeSnapshotted() {
        store.modifySecurityGroups("handoff-target", List.of("sg-restricted"));

        assertThatThrownBy(() -> store.createSnapshot("s1", "handoff-target"))
                .extracting(e -> ((RdsError) e).code()).isEqualTo("InvalidDBClusterStateFault");
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T01:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
