package io.handoff.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterRegistryTest {

    private static final ClusterSpec SOURCE =
            new ClusterSpec("onprem-main", "db1", 3306, ServerFlavor.MARIADB, "handoff", Secret.of("p1"));
    private static final ClusterSpec TARGET =
            new ClusterSpec("aurora-main", "aurora", 3306, ServerFlavor.AURORA_MYSQL, "admin", Secret.of("p2"));

    @Test
    void requireReturnsTheNamedCluster() {
        assertThat(ClusterRegistry.of(SOURCE, TARGET).require("aurora-main")).isEqualTo(TARGET);
    }

    @Test
    void unknownClusterIsRefusedNamingTheKnownOnes() {
        ClusterRegistry registry = ClusterRegistry.of(SOURCE, TARGET);

        assertThatThrownBy(() -> registry.require("onprem-replica"))
                .isInstanceOf(UnknownClusterException.class)
                .hasMessage("Unknown cluster 'onprem-replica'; known clusters: aurora-main, onprem-main")
                .satisfies(e -> assertThat(((UnknownClusterException) e).knownClusters())
                        .containsExactly("aurora-main", "onprem-main"));
    }

    @Test
    void emptyRegistrySaysHowToConfigureClusters() {
        assertThatThrownBy(() -> ClusterRegistry.of().require("x"))
                .hasMessageContaining("known clusters: none (configure handoff.clusters.<name>.*)");
    }

    @Test
    void keyMustMatchTheClusterName() {
        assertThatThrownBy(() -> new ClusterRegistry(Map.of("target", TARGET)))
                .hasMessageContaining("key 'target' holds the cluster named 'aurora-main'");
    }

    @Test
    void clusterGivenTwiceIsRefused() {
        assertThatThrownBy(() -> ClusterRegistry.of(SOURCE, SOURCE)).hasMessageContaining("'onprem-main' is given twice");
    }

    @Test
    void findAndNames() {
        ClusterRegistry registry = ClusterRegistry.of(SOURCE, TARGET);

        assertThat(registry.find("onprem-main")).contains(SOURCE);
        assertThat(registry.find("nope")).isEmpty();
        assertThat(registry.names()).containsExactly("aurora-main", "onprem-main");
    }
}
