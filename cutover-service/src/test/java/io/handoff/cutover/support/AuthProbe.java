package io.handoff.cutover.support;

import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The authentication service, as the flip must keep it up: a background thread that logs in as the
 * exempt account on every given server about every 50 ms (a new connection each time, then
 * {@code SELECT 1}), and records every failure with its reason.
 */
public final class AuthProbe implements AutoCloseable {
    private final List<DatabaseServer> servers;
    private final DbAccount account;
    private final AtomicInteger logins = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public AuthProbe(DbAccount account, List<DatabaseServer> servers) {
        this.account = account;
        this.servers = List.copyOf(servers);
        this.thread = new Thread(this::loop, "auth-probe");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Successful logins so far, all servers together. */
    public int logins() {
        return logins.get();
    }

    /** Every failed login: server and reason. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    private void loop() {
        while (running) {
            for (DatabaseServer server : servers) {
                Properties properties = new Properties();
                properties.setProperty("user", account.user());
                properties.setProperty("password", account.password());
                properties.setProperty("connectTimeout", "2000");
                try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), properties);
                        Statement sql = connection.createStatement()) {
                    sql.execute("SELECT 1");
                    logins.incrementAndGet();
                } catch (SQLException e) {
                    failures.add(server.role().clusterName() + ": " + e.getMessage());
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
