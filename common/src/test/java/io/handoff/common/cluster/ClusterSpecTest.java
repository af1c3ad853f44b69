package io.handoff.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.json.Json;
import org.junit.jupiter.api.Test;

class ClusterSpecTest {

    private static final String PASSWORD = "s3cr3t-Pa55";

    private static ClusterSpec spec(ServerFlavor flavor) {
        return new ClusterSpec("onprem-main", "db1.dc.example", 3306, flavor, "handoff", Secret.of(PASSWORD));
    }

    @Test
    void passwordNeverAppearsInClusterSpecToString() {
        ClusterSpec spec = spec(ServerFlavor.MARIADB);

        assertThat(spec.toString()).doesNotContain(PASSWORD).contains("password=****").contains("onprem-main");
        assertThat(ClusterRegistry.of(spec).toString()).doesNotContain(PASSWORD);
    }

    @Test
    void passwordNeverAppearsInClusterSpecJson() {
        assertThat(Json.toJson(spec(ServerFlavor.MARIADB))).doesNotContain(PASSWORD).contains("\"password\":\"****\"");
    }

    @Test
    void passwordIsAvailableThroughReveal() {
        assertThat(spec(ServerFlavor.MARIADB).password().reveal()).isEqualTo(PASSWORD);
    }

    @Test
    void jdbcUrlUsesTheMariadbSchemeForMariadbAndMysqlOtherwise() {
        assertThat(spec(ServerFlavor.MARIADB).jdbcUrl()).isEqualTo("jdbc:mariadb://db1.dc.example:3306/");
        assertThat(spec(ServerFlavor.MYSQL_8).jdbcUrl()).startsWith("jdbc:mysql://db1.dc.example:3306/?");
        assertThat(spec(ServerFlavor.AURORA_MYSQL).jdbcUrl()).startsWith("jdbc:mysql://db1.dc.example:3306/?");
    }

    @Test
    void mysqlUrlLogsInWithCachingSha2PasswordWithAndWithoutTls() {
        assertThat(spec(ServerFlavor.MYSQL_8).jdbcUrl())
                .isEqualTo("jdbc:mysql://db1.dc.example:3306/?sslMode=PREFERRED&allowPublicKeyRetrieval=true");
    }

    @Test
    void jdbcUrlBracketsAnIpv6Host() {
        ClusterSpec spec = new ClusterSpec("local", "::1", 3307, ServerFlavor.MARIADB, "root", Secret.of(""));

        assertThat(spec.jdbcUrl()).isEqualTo("jdbc:mariadb://[::1]:3307/");
    }

    @Test
    void invalidComponentsAreRefusedNamingTheCluster() {
        assertThatThrownBy(() -> new ClusterSpec("a", "h", 0, ServerFlavor.MARIADB, "u", Secret.of("p")))
                .hasMessageContaining("ClusterSpec(a).port must be between 1 and 65535");
        assertThatThrownBy(() -> new ClusterSpec("a", " ", 3306, ServerFlavor.MARIADB, "u", Secret.of("p")))
                .hasMessageContaining("ClusterSpec.host must not be blank");
        assertThatThrownBy(() -> new ClusterSpec("a", "h", 3306, null, "u", Secret.of("p")))
                .hasMessageContaining("ClusterSpec(a).flavor must not be null");
        assertThatThrownBy(() -> new ClusterSpec("a", "h", 3306, ServerFlavor.MARIADB, "u", null))
                .hasMessageContaining("ClusterSpec(a).password must not be null");
    }
}
