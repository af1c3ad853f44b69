package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Error codes read from the client programs' messages, as they print them (issue 9, source restarted mid-seed). */
class ErrorCodesTest {

    @Test
    void readsTheCodeOfADumpCutByALostConnection() {
        assertThat(ErrorCodes.in("mariadb-dump: Error 2013: Lost connection to server during query when dumping table "
                + "`ballast` at row: 48121")).containsExactly(2013);
    }

    @Test
    void readsTheCodeOfADumpCutUnderTls() {
        // As mariadb-dump 11.4 printed it when the drill restarted the source mid-dump.
        assertThat(ErrorCodes.in("mariadb-dump: Error 2026: TLS/SSL error: The TLS connection was non-properly terminated."
                + " when dumping table `ballast` at row: 331")).containsExactly(2026);
    }

    @Test
    void readsTheCodesOfConnectAndShutdownMessages() {
        assertThat(ErrorCodes.in("mariadb-dump: Got error: 2002: \"Can't connect to server on '127.0.0.1' (111)\" when trying"
                + " to connect")).containsExactly(2002);
        assertThat(ErrorCodes.in("mariadb-dump: Couldn't execute 'SHOW CREATE TABLE `t`': Server shutdown in progress (1053)"))
                .containsExactly(1053);
        assertThat(ErrorCodes.in("mariadb-dump: Error 1927: Connection was killed when dumping table `t` at row: 7"))
                .containsExactly(1927);
    }

    @Test
    void readsTheLoadersCodeAndNotTheLineNumberOrSqlState() {
        assertThat(ErrorCodes.in("ERROR 1064 (42000) at line 1234: You have an error in your SQL syntax"))
                .containsExactly(1064);
    }

    @Test
    void findsNoCodeWhereThereIsNone() {
        assertThat(ErrorCodes.in("mariadb-dump: unknown option '--gtid'")).isEmpty();
        assertThat(ErrorCodes.in(null)).isEmpty();
    }
}
