package io.handoff.cutover.support;

import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.workload.WriteLoop;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An application writing on one server in a background thread, as the {@code app} account: one
 * autocommit INSERT after the other with increasing ids, reconnecting whenever its session is killed,
 * and recording for every attempt when it started and whether the server acknowledged it.
 */
public final class Workload implements AutoCloseable {
    /** The {@code who} column of the workload's rows. */
    public static final String WHO = "workload";
    private static final WriteLoop.Pacing PACING = new WriteLoop.Pacing(Duration.ofMillis(5), Duration.ofMillis(20));

    /**
     * @param id           the row id attempted
     * @param startedAt    when the INSERT was sent
     * @param acknowledged whether the server confirmed it
     */
    public record Attempt(long id, Instant startedAt, boolean acknowledged) {
    }

    private final DatabaseServer server;
    private final DbAccount account;
    private final String table;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final WriteLoop loop;

    public Workload(DatabaseServer server, DbAccount account, String table) {
        this.server = server;
        this.account = account;
        this.table = table;
        this.loop = WriteLoop.start("workload-" + table, this::open, this::insert,
                (id, startedAt, acknowledged) -> attempts.add(new Attempt(id, startedAt, acknowledged)), PACING);
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Ids of the acknowledged inserts. */
    public Set<Long> acknowledged() {
        Set<Long> ids = new TreeSet<>();
        attempts.stream().filter(Attempt::acknowledged).forEach(attempt -> ids.add(attempt.id()));
        return ids;
    }

    /** The attempt's number is the row's id: an id is sent once, acknowledged or not. */
    private void insert(Connection connection, long id) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO " + table + " (id, who) VALUES (" + id + ", '" + WHO + "')");
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", account.user());
        properties.setProperty("password", account.password());
        properties.setProperty("connectTimeout", "2000");
        properties.setProperty("socketTimeout", "5000");
        return DriverManager.getConnection(server.jdbcUrl(), properties);
    }

    /** Stops writing and waits for the thread to end. */
    @Override
    public void close() throws InterruptedException {
        loop.close();
    }
}
