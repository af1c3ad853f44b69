package io.handoff.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ServerFlavorTest {

    @ParameterizedTest
    @CsvSource({
            "mysql8, MYSQL_8", "mysql, MYSQL_8", "MySQL8, MYSQL_8", "mysql-8, MYSQL_8", "MYSQL_8, MYSQL_8",
            "mariadb, MARIADB", "MariaDB, MARIADB", "' mariadb ', MARIADB",
            "aurora, AURORA_MYSQL", "aurora-mysql, AURORA_MYSQL", "AURORA-MYSQL, AURORA_MYSQL", "rds-mysql, AURORA_MYSQL",
            "aurora_mysql, AURORA_MYSQL"})
    void configNamesParseCaseInsensitively(String name, ServerFlavor expected) {
        assertThat(ServerFlavor.parse(name)).isEqualTo(expected);
    }

    @Test
    void unknownNameIsRefusedListingTheAcceptedValues() {
        assertThatThrownBy(() -> ServerFlavor.parse("postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown server flavor 'postgres'")
                .hasMessageContaining("mysql8")
                .hasMessageContaining("mariadb")
                .hasMessageContaining("aurora-mysql");
        assertThatThrownBy(() -> ServerFlavor.parse(null)).hasMessageContaining("Unknown server flavor null");
    }

    @Test
    void jsonAcceptsConfigNames() {
        assertThat(Json.fromJson("\"aurora\"", ServerFlavor.class)).isEqualTo(ServerFlavor.AURORA_MYSQL);
    }
}
