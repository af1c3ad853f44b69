package io.handoff.localstack.dialect;

import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import io.handoff.localstack.Directories;
import io.handoff.localstack.FreePorts;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.db.DatabaseServers;
import io.handoff.localstack.db.StackFlavor;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.mariadb.DbRole;
import io.handoff.localstack.mariadb.StackAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Two real servers of a flavour pairing, started once per test JVM and shared by every dialect contract
 * test of that pairing: a source and a target with the stack's accounts. Tests isolate by schema and
 * leave replication, read-only and account locks as they found them.
 */
final class FlavourPair {
    private static final Map<String, FlavourPair> STARTED = new HashMap<>();

    final DatabaseServer source;
    final DatabaseServer target;

    private FlavourPair(DatabaseServer source, DatabaseServer target) {
        this.source = source;
        this.target = target;
    }

    /** The JVM's pair of these flavours, started on first use and stopped (its data deleted) when the JVM exits. */
    static synchronized FlavourPair of(StackFlavor sourceFlavor, StackFlavor targetFlavor) {
        return STARTED.computeIfAbsent(sourceFlavor + "->" + targetFlavor, key -> start(sourceFlavor, targetFlavor));
    }

    private static FlavourPair start(StackFlavor sourceFlavor, StackFlavor targetFlavor) {
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "dialect-" + targetFlavor.optionName() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StackAccounts accounts = StackAccounts.random();
        DatabaseServer source = DatabaseServers.create(DbRole.SOURCE, sourceFlavor, FreePorts.orFree(0), dir.resolve("source"), accounts);
        DatabaseServer target = DatabaseServers.create(DbRole.TARGET, targetFlavor, FreePorts.orFree(0), dir.resolve("target"), accounts);
        CompletableFuture.allOf(CompletableFuture.runAsync(source::start), CompletableFuture.runAsync(target::start)).join();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            source.close();
            target.close();
            Directories.deleteRecursively(dir);
        }, "dialect-pair-shutdown"));
        return new FlavourPair(source, target);
    }

    StackAccounts accounts() {
        return source.accounts();
    }

    /** The dialect for {@code server}, chosen as the services choose it: by flavour and the server's own version string. */
    static SqlDialect dialect(DatabaseServer server) {
        try (Connection admin = server.connect(server.accounts().admin())) {
            return SqlDialect.of(server.flavor().serverFlavor(), queryString(admin, SqlStatement.of("SELECT VERSION()")));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A session as the account handoff administers {@code server} with (Aurora-like: the master user without SUPER). */
    static Connection cluster(DatabaseServer server) throws SQLException {
        return server.connect(server.clusterAccount());
    }

    static Connection as(DatabaseServer server, DbAccount account) throws SQLException {
        return server.connect(account);
    }

    static void execute(Connection connection, List<SqlStatement> statements) throws SQLException {
        for (SqlStatement statement : statements) {
            execute(connection, statement);
        }
    }

    static void execute(Connection connection, SqlStatement statement) throws SQLException {
        try (PreparedStatement prepared = statement.prepare(connection)) {
            prepared.execute();
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        execute(connection, SqlStatement.of(sql));
    }

    static String queryString(Connection connection, SqlStatement statement) throws SQLException {
        try (PreparedStatement prepared = statement.prepare(connection); ResultSet row = prepared.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    /** Every row of a query, as column label to value. */
    static List<Map<String, Object>> rows(Connection connection, SqlStatement statement) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement prepared = statement.prepare(connection); ResultSet result = prepared.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
