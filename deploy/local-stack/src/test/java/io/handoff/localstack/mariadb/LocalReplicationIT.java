package io.handoff.localstack.mariadb;

import io.handoff.localstack.db.DatabaseServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.testing.LocalStackExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class LocalReplicationIT {

    @Test
    void seededTargetReceivesSourceWritesThroughGtidReplication(LocalStack stack) throws Exception {
        DatabaseServer source = stack.source();
        DatabaseServer target = stack.target();
        try (Connection app = source.connect(stack.accounts().app()); Statement sql = app.createStatement()) {
            sql.execute("CREATE DATABASE shop");
            sql.execute("CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, item VARCHAR(64) NOT NULL)");
            for (int id = 1; id <= 100; id++) {
                sql.execute("INSERT INTO shop.orders VALUES (" + id + ", 'seeded-" + id + "')");
            }
        }

        LocalReplication replication = new LocalReplication(source, target);
        String startPosition = replication.seedAndReplicate(List.of("shop"));
        assertThat(startPosition).startsWith("0-1-");
        assertThat(ids(target)).hasSize(100);

        try (Connection app = source.connect(stack.accounts().app()); Statement sql = app.createStatement()) {
            for (int id = 101; id <= 150; id++) {
                sql.execute("INSERT INTO shop.orders VALUES (" + id + ", 'replicated-" + id + "')");
            }
            sql.execute("UPDATE shop.orders SET item='changed' WHERE id=1");
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ids(target)).as(replication.replicaStatus()).hasSize(150).contains(150L);
        });
        try (Connection admin = target.connect(stack.accounts().admin()); Statement sql = admin.createStatement();
                ResultSet row = sql.executeQuery("SELECT item FROM shop.orders WHERE id=1")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("changed");
        }
        assertThat(replication.replicaStatus()).startsWith("io=Yes sql=Yes");
        replication.stopReplication();
    }

    @Test
    void accountsHaveTheirPrivilegesAndNoAnonymousAccountShadowsThem(LocalStack stack) throws Exception {
        StackAccounts accounts = stack.accounts();
        for (DatabaseServer server : List.of(stack.source(), stack.target())) {
            for (DbAccount account : accounts.all()) {
                try (Connection connection = server.connect(account); Statement sql = connection.createStatement();
                        ResultSet who = sql.executeQuery("SELECT CURRENT_USER()")) {
                    who.next();
                    assertThat(who.getString(1)).isEqualTo(account.user() + "@%");
                }
            }
            try (Connection master = server.connect(accounts.master()); Statement sql = master.createStatement()) {
                assertThatThrownBy(() -> sql.execute("SET GLOBAL read_only=ON"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("READ_ONLY ADMIN");
                sql.execute("ALTER USER 'auth'@'%' ACCOUNT LOCK");
                sql.execute("ALTER USER 'auth'@'%' ACCOUNT UNLOCK");
            }
            try (Connection repl = server.connect(accounts.repl()); Statement sql = repl.createStatement()) {
                assertThatThrownBy(() -> sql.execute("CREATE DATABASE not_for_repl"))
                        .isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void serversRunWithBinlogRowFormatAndDistinctServerIds(LocalStack stack) throws Exception {
        assertThat(variables(stack.source())).containsExactly("1", "1", "ROW", "1");
        assertThat(variables(stack.target())).containsExactly("2", "1", "ROW", "1");
    }

    private static List<String> variables(DatabaseServer server) throws SQLException {
        try (Connection admin = server.connect(server.accounts().admin()); Statement sql = admin.createStatement();
                ResultSet row = sql.executeQuery(
                        "SELECT @@server_id, @@log_bin, @@binlog_format, @@gtid_strict_mode")) {
            row.next();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                values.add(row.getString(i));
            }
            return values;
        }
    }

    private static List<Long> ids(DatabaseServer server) throws SQLException {
        try (Connection admin = server.connect(server.accounts().admin()); Statement sql = admin.createStatement();
                ResultSet rows = sql.executeQuery("SELECT id FROM shop.orders ORDER BY id")) {
            List<Long> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        }
    }
}
