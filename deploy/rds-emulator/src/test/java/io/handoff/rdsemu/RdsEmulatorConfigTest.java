package io.handoff.rdsemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RdsEmulatorConfigTest {
    private static final InetSocketAddress BACKEND = new InetSocketAddress("127.0.0.2", 3306);

    private static ClusterDefinition cluster(String identifier) {
        return ClusterDefinition.auroraMysql(identifier, BACKEND, List.of("sg-apps"));
    }

    private static RdsEmulatorConfig.Builder withGroup() {
        return RdsEmulatorConfig.builder().securityGroup("sg-apps", true);
    }

    @Test
    void aClusterWithoutAnEndpointOfItsOwnListensOnTheEmulatorsHost() {
        assertThat(cluster("a").endpoint()).isNull();
        InetSocketAddress chosen = new InetSocketAddress("127.0.1.2", 3306);
        assertThat(cluster("a").withEndpoint(chosen).endpoint()).isEqualTo(chosen);
    }

    @Test
    void clustersMayShareAPortOnDifferentAddressesButNotAnAddressAndPort() {
        RdsEmulatorConfig shared = withGroup()
                .cluster(cluster("a").withEndpoint(new InetSocketAddress("127.0.1.2", 3306)))
                .cluster(cluster("b").withEndpoint(new InetSocketAddress("127.0.1.3", 3306)))
                .build();
        assertThat(shared.clusters()).extracting(ClusterDefinition::endpoint)
                .containsExactly(new InetSocketAddress("127.0.1.2", 3306), new InetSocketAddress("127.0.1.3", 3306));
        assertThat(withGroup()
                .cluster(cluster("a").withEndpoint(new InetSocketAddress("127.0.1.2", 0)))
                .cluster(cluster("b").withEndpoint(new InetSocketAddress("127.0.1.2", 0)))
                .build().clusters()).as("port 0 is a free port each").hasSize(2);

        assertThatThrownBy(() -> withGroup()
                .cluster(cluster("a").withEndpoint(new InetSocketAddress("127.0.1.2", 3306)))
                .cluster(cluster("b").withEndpoint(new InetSocketAddress("127.0.1.2", 3306)))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clusters a and b name the same endpoint 127.0.1.2:3306");
    }

    @Test
    void anEndpointMustBeAnAddressNotAName() {
        assertThatThrownBy(() -> cluster("a").withEndpoint(InetSocketAddress.createUnresolved("db.example", 3306)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unresolved db.example");
    }
}
