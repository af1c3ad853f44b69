package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.JdbcLogin;
import io.handoff.common.cluster.Secret;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.DbAccount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The seed's {@code LOAD DATA LOCAL INFILE} into the stack's Oracle MySQL target (issue 20): a writer session sends the
 * rows it was given and never a file, and a batch the server took only in part or changed is refused, where
 * {@code LOCAL} made MySQL skip or alter rows with a mere warning.
 */
@EnabledIfSystemProperty(named = "handoff.stack.target-flavor", matches = "mysql")
class LocalInfileMySqlIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final LocalStack stack = SharedLocalStack.get();
    private final DbAccount admin = stack.accounts().admin();
    private final String schema = "linfile_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final SeedTable table = new SeedTable(schema, "t", List.of(SeedTable.Column.of("id", "int"),
            SeedTable.Column.of("v", "varchar"), SeedTable.Column.of("doc", "json")), Optional.of("id"), 0, 0);
    private Connection writer;

    /**
     * Registers Connector/J as loaded by the stack's class loader: a {@code @QuarkusTest} of the same JVM may have
     * registered it from a Quarkus class loader, a copy {@code DriverManager} refuses to this test ("No suitable driver").
     */
    @BeforeAll
    static void registerTheDriver() throws ClassNotFoundException {
        Class.forName("com.mysql.cj.jdbc.Driver", true, DatabaseServer.class.getClassLoader());
    }

    @BeforeEach
    void aWriterSessionAsTheSeedOpensIt() throws SQLException {
        admin("CREATE DATABASE " + schema, "CREATE TABLE " + schema + ".t (id INT PRIMARY KEY, v VARCHAR(4), doc JSON)");
        DatabaseServer target = stack.target();
        writer = JdbcLogin.admin(new ClusterSpec("target", target.host(), target.port(), target.flavor().serverFlavor(), admin.user(),
                Secret.of(admin.password())), TIMEOUT, TIMEOUT, LocalInfile.DRIVER_PROPERTIES);
        LocalInfile.lockDown(writer);
        try (Statement sql = writer.createStatement()) {
            sql.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO,ALLOW_INVALID_DATES'");
        }
        writer.setAutoCommit(false);
    }

    @AfterEach
    void dropTheSchema() throws SQLException {
        if (writer != null) {
            writer.close();
        }
        admin("DROP DATABASE IF EXISTS " + schema, "SET GLOBAL local_infile = ON");
    }

    @Test
    void aWriterSendsTheRowsItWasGivenAndRefusesAServersRequestForAFile() throws Exception {
        Path file = Files.createTempFile("handoff-local-infile", ".txt");
        Files.writeString(file, "7\tfile\t{}\n");
        try (Statement load = writer.createStatement()) {
            String naming = "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE " + table.qualified();
            assertThatThrownBy(() -> load.executeUpdate(naming)).as("a file the server names, before any seed load")
                    .isInstanceOf(SQLException.class).hasMessageContaining("allowLoadLocalInfile");

            LocalInfile.load(load, LoadDataRows.statement(table), rows(row("1", "a\tb", "{\"k\": \"é\"}"), row("2", null, null)),
                    Chunk.whole(table));

            assertThatThrownBy(() -> load.executeUpdate(naming)).as("a file the server names, after a seed load")
                    .isInstanceOf(SQLException.class).hasMessageContaining("allowLoadLocalInfile");
            writer.commit();
        } finally {
            Files.delete(file);
        }
        assertThat(rowsOnTarget()).containsExactly("1|a\tb|{\"k\": \"é\"}", "2|null|null");
    }

    @Test
    void aValueTheColumnCannotHoldFailsTheBatchNamingItsChunkAndWarning() throws SQLException {
        try (Statement load = writer.createStatement()) {
            assertThatThrownBy(() -> LocalInfile.load(load, LoadDataRows.statement(table), rows(row("1", "abcdef", null)),
                    Chunk.whole(table))).isInstanceOf(SQLException.class)
                    .hasMessageContaining("LOAD DATA into " + schema + ".t wrote 1 of 1 rows with 1 warning(s): 1265 Data truncated"
                            + " for column 'v'");
            writer.rollback();
        }
        assertThat(rowsOnTarget()).isEmpty();
    }

    @Test
    void aRowTheServerSkippedFailsTheBatch() throws SQLException {
        try (Statement load = writer.createStatement()) {
            assertThatThrownBy(() -> LocalInfile.load(load, LoadDataRows.statement(table), rows(row("1", "a", null), row("1", "b", null)),
                    Chunk.whole(table))).isInstanceOf(SQLException.class)
                    .hasMessageContaining("wrote 1 of 2 rows").hasMessageContaining("1062 Duplicate entry '1'");
            writer.rollback();
        }
    }

    @Test
    void aTargetWhoseLocalInfileIsOffIsNamed() throws SQLException {
        assertThat(LocalInfile.refusal(writer)).isEmpty();

        admin("SET GLOBAL local_infile = OFF");

        assertThat(LocalInfile.refusal(writer)).contains("the target's local_infile is OFF (MySQL 8.0+'s default)");
    }

    private static byte[][] row(String... values) {
        byte[][] row = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            row[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return row;
    }

    private static LoadDataRows rows(byte[][]... rows) {
        LoadDataRows text = new LoadDataRows(0);
        for (byte[][] row : rows) {
            for (byte[] value : row) {
                text.value(value);
            }
            text.endRow();
        }
        return text;
    }

    private List<String> rowsOnTarget() throws SQLException {
        try (Connection connection = stack.target().connect(admin); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT CONCAT_WS('|', id, COALESCE(v, 'null'), COALESCE(CAST(doc AS CHAR), 'null'))"
                        + " FROM " + table.qualified() + " ORDER BY id")) {
            List<String> rows = new java.util.ArrayList<>();
            while (row.next()) {
                rows.add(row.getString(1));
            }
            return rows;
        }
    }

    private void admin(String... statements) throws SQLException {
        try (Connection connection = stack.target().connect(admin); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }
}
