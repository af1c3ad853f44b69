package io.handoff.cutover.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {

    @Test
    void lostConnectionsKilledSessionsAndLockTimeoutsAreRetryable() {
        assertThat(SqlFailures.retryable(new SQLException("Connection reset", "08000", 0))).isTrue();
        assertThat(SqlFailures.retryable(new SQLException("Communications link failure", "08S01", 0))).isTrue();
        assertThat(SqlFailures.retryable(new SQLException("Connection was killed", "70100", 1927))).isTrue();
        assertThat(SqlFailures.retryable(new SQLException("Lock wait timeout exceeded", "HY000", 1205))).isTrue();
        assertThat(SqlFailures.retryable(new SQLException("Deadlock found", "40001", 1213))).isTrue();
    }

    @Test
    void refusedStatementsAreTerminal() {
        assertThat(SqlFailures.retryable(new SQLException("Access denied; you need the SUPER privilege", "42000", 1227))).isFalse();
        assertThat(SqlFailures.retryable(new SQLException("The MariaDB server is running with --read-only", "HY000", 1290))).isFalse();
        assertThat(SqlFailures.retryable(new SQLException("syntax error", "42000", 1064))).isFalse();
    }

    @Test
    void codesTheClientProgramsPrintForALostSourceAreRetryableAndTheirSqlErrorsAreNot() {
        // SEED's dump cut by a source restart (issue 9): over TLS the client programs report 2026.
        assertThat(SqlFailures.retryableCode(2013)).isTrue();
        assertThat(SqlFailures.retryableCode(2026)).isTrue();
        assertThat(SqlFailures.retryableCode(1053)).isTrue();
        assertThat(SqlFailures.retryableCode(1049)).as("unknown database").isFalse();
        assertThat(SqlFailures.retryableCode(1064)).as("syntax error").isFalse();
    }
}
