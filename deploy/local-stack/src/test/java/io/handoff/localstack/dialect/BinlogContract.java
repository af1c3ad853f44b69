package io.handoff.localstack.dialect;

import static io.handoff.localstack.dialect.FlavourPair.cluster;
import static io.handoff.localstack.dialect.FlavourPair.dialect;
import static io.handoff.localstack.dialect.FlavourPair.execute;
import static io.handoff.localstack.dialect.FlavourPair.queryString;
import static io.handoff.localstack.dialect.FlavourPair.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.sql.GtidSets;
import io.handoff.common.sql.ServerVersion;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Binlog position, GTID state and binlog retention, read and set by the account handoff administers the
 * target with, through the dialect's statements.
 */
abstract class BinlogContract {

    protected abstract FlavourPair pair();

    @Test
    void binlogStatusAndGtidStateNameTheServersOwnTransactions() throws Exception {
        DatabaseServer source = pair().source;
        SqlDialect sql = dialect(source);
        try (Connection admin = cluster(source)) {
            execute(admin, "CREATE DATABASE IF NOT EXISTS binlog_check");
            execute(admin, "CREATE TABLE IF NOT EXISTS binlog_check.t (id INT PRIMARY KEY)");
            execute(admin, "REPLACE INTO binlog_check.t VALUES (1)");
            ServerVersion version = ServerVersion.parse(queryString(admin, sql.serverVersion()));
            List<Map<String, Object>> status = rows(admin, sql.binlogStatus(version));
            assertThat(status).hasSize(1);
            assertThat(status.get(0).get("File").toString()).startsWith("mysql-bin.");
            assertThat(((Number) status.get(0).get("Position")).longValue()).isPositive();

            String current = queryString(admin, sql.currentGtidPosition());
            assertThat(current).as("the server's own GTIDs").isNotBlank();
            assertThat(GtidSets.normalize(queryString(admin, sql.binlogGtidState()))).isNotBlank();
            assertThat(GtidSets.normalize(current)).doesNotContain("\n").doesNotContain(" ");
        }
    }

    @Test
    void binlogRetentionIsSetAndReadBack() throws Exception {
        DatabaseServer target = pair().target;
        SqlDialect sql = dialect(target);
        try (Connection admin = cluster(target)) {
            execute(admin, sql.retainBinlog(7 * 24 * 3600L));
            assertThat(Long.parseLong(queryString(admin, sql.binlogRetentionSeconds()))).isEqualTo(7 * 24 * 3600L);
        }
    }

}
