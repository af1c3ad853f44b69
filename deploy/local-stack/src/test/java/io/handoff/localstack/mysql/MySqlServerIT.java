package io.handoff.localstack.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.localstack.FreePorts;
import io.handoff.localstack.db.StackFlavor;
import io.handoff.localstack.mariadb.DbRole;
import io.handoff.localstack.mariadb.StackAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack's Oracle MySQL: provisioned by the project, crash-safe against its process dying, with its accounts,
 * its lifecycle and TLS.
 */
class MySqlServerIT {
    private static final StackAccounts ACCOUNTS = StackAccounts.random();
    private static MySqlServer server;

    @BeforeAll
    static void start() throws Exception {
        // Deeper than a unix socket path may be (107 bytes), as a CI checkout's test directories can be.
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "mysql-server-it-")
                .resolve("a-directory-deeper-than-any-unix-socket-path-may-reach-" + "d".repeat(60));
        server = new MySqlServer(DbRole.SOURCE, StackFlavor.MYSQL, FreePorts.orFree(0), dir, ACCOUNTS);
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void runsRealOracleMySqlWithGtidsRowBinlogAndDurableCommits() throws SQLException {
        try (Connection admin = server.connect(ACCOUNTS.admin()); Statement sql = admin.createStatement();
                ResultSet row = sql.executeQuery("SELECT VERSION(), @@version_comment, @@gtid_mode, @@enforce_gtid_consistency,"
                        + " @@binlog_format, @@log_replica_updates, @@innodb_flush_log_at_trx_commit, @@sync_binlog, @@server_id,"
                        + " @@replica_parallel_workers")) {
            row.next();
            assertThat(row.getString(1)).doesNotContainIgnoringCase("mariadb").matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(row.getString(2)).doesNotContainIgnoringCase("mariadb");
            assertThat(row.getString(3)).isEqualTo("ON");
            assertThat(row.getString(4)).isEqualTo("ON");
            assertThat(row.getString(5)).isEqualTo("ROW");
            assertThat(row.getInt(6)).isEqualTo(1);
            // Durable: redo and binlog flushed to disk at each commit, as production runs.
            assertThat(row.getInt(7)).isEqualTo(1);
            assertThat(row.getInt(8)).isEqualTo(1);
            assertThat(row.getInt(9)).isEqualTo(DbRole.SOURCE.serverId());
            assertThat(row.getInt(10)).isEqualTo(16);
        }
    }

    @Test
    void startsFromADirectoryDeeperThanAUnixSocketPathMayBe() throws Exception {
        assertThat(server.socket().toString().length()).isLessThan(108);
        Process ping = new ProcessBuilder(server.program("mysqladmin").toString(), "--no-defaults", "--user=root",
                "--socket=" + server.socket(), "ping").redirectErrorStream(true).start();
        assertThat(new String(ping.getInputStream().readAllBytes())).contains("mysqld is alive");
        assertThat(ping.waitFor()).isZero();
    }

    @Test
    void cachingSha2AccountsLogInWithAndWithoutTls() throws SQLException {
        assertThat(cipher(server.jdbcUrl())).as("the stack's URL negotiates TLS with the server's own certificate").isNotBlank();
        String plain = "jdbc:mysql://" + server.host() + ":" + server.port() + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true";
        assertThat(cipher(plain)).as("without TLS, caching_sha2_password uses the server's RSA key").isBlank();
    }

    @Test
    void committedRowsSurviveAKillAndARestart() throws SQLException {
        try (Connection admin = server.connect(ACCOUNTS.admin()); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE IF NOT EXISTS durable");
            sql.execute("CREATE TABLE IF NOT EXISTS durable.t (id INT PRIMARY KEY)");
            for (int id = 1; id <= 200; id++) {
                sql.execute("INSERT INTO durable.t VALUES (" + id + ")");
            }
        }
        server.kill();
        assertThatThrownBy(() -> server.connect(ACCOUNTS.admin()).close()).isInstanceOf(SQLException.class);
        server.startAfterKill();
        assertThat(count()).isEqualTo(200);
        server.restart();
        assertThat(count()).isEqualTo(200);
    }

    @Test
    void accountsHaveTheirPrivileges() throws SQLException {
        assertThat(grants(ACCOUNTS.repl().user())).anySatisfy(grant -> assertThat(grant)
                .contains("REPLICATION SLAVE").contains("REPLICATION CLIENT").contains("RELOAD").contains("SHOW DATABASES"));
        try (Connection app = server.connect(ACCOUNTS.app()); Statement sql = app.createStatement()) {
            assertThatThrownBy(() -> sql.execute("SET GLOBAL read_only=ON")).isInstanceOf(SQLException.class);
        }
    }

    private static long count() throws SQLException {
        try (Connection admin = server.connect(ACCOUNTS.admin()); Statement sql = admin.createStatement();
                ResultSet row = sql.executeQuery("SELECT COUNT(*) FROM durable.t")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String cipher(String url) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", ACCOUNTS.app().user());
        login.setProperty("password", ACCOUNTS.app().password());
        try (Connection app = DriverManager.getConnection(url, login); Statement sql = app.createStatement();
                ResultSet row = sql.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            row.next();
            return row.getString(2);
        }
    }

    private static List<String> grants(String user) throws SQLException {
        List<String> grants = new ArrayList<>();
        try (Connection admin = server.connect(ACCOUNTS.admin()); Statement sql = admin.createStatement();
                ResultSet rows = sql.executeQuery("SHOW GRANTS FOR '" + user + "'@'%'")) {
            while (rows.next()) {
                grants.add(rows.getString(1));
            }
        }
        return grants;
    }
}
