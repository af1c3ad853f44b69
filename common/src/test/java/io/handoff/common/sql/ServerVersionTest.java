package io.handoff.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ServerVersionTest {

    @ParameterizedTest
    @CsvSource({
            "8.4.3, 8.4.3",
            "8.0.39-log, 8.0.39",
            "11.4.5-MariaDB-log, 11.4.5",
            "10.6.12-MariaDB-1:10.6.12+maria~ubu2004, 10.6.12",
            "8.0.mysql_aurora.3.05.2, 8.0.0"})
    void parsesWhatVersionReturns(String reported, String expected) {
        assertThat(ServerVersion.parse(reported)).hasToString(expected);
    }

    @Test
    void comparesNumerically() {
        assertThat(ServerVersion.parse("8.10.0")).isGreaterThan(ServerVersion.parse("8.4.0"));
        assertThat(ServerVersion.parse("8.2.0").atLeast(8, 2)).isTrue();
        assertThat(ServerVersion.parse("8.1.9").atLeast(8, 2)).isFalse();
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> ServerVersion.parse("unknown")).hasMessageContaining("Not a server version: 'unknown'");
    }
}
