package io.handoff.cutover.support;

import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An application writing on one server in a background thread, as the {@code app} account: one
 * autocommit INSERT after the other with increasing ids, reconnecting whenever its session is killed,
 * and recording for every attempt when it started and whether the server acknowledged it.
 */
public final class Workload implements AutoCloseable {
    /** The {@code who} column of the workload's rows. */
    public static final String WHO = "workload";

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
    private final Thread thread;
    private volatile boolean running = true;
    private Connection connection;

    public Workload(DatabaseServer server, DbAccount account, String table) {
        this.server = server;
        this.account = account;
        this.table = table;
        this.thread = new Thread(this::loop, "workload-" + table);
        this.thread.setDaemon(true);
        this.thread.start();
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

    private void loop() {
        long id = 0;
        while (running) {
            id++;
            Instant startedAt = Instant.now();
            boolean acknowledged = insert(id);
            attempts.add(new Attempt(id, startedAt, acknowledged));
            pause(acknowledged ? 5 : 20);
        }
        closeConnection();
    }

    private boolean insert(long id) {
        try {
            if (connection == null || connection.isClosed()) {
                connection = open();
            }
            try (Statement sql = connection.createStatement()) {
                sql.executeUpdate("INSERT INTO " + table + " (id, who) VALUES (" + id + ", '" + WHO + "')");
            }
            return true;
        } catch (SQLException refusedOrKilled) {
            closeConnection();
            return false;
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

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a killed session: nothing to close
            }
            connection = null;
        }
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops writing and waits for the thread to end. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
