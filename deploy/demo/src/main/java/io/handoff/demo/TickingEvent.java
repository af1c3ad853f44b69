package io.handoff.demo;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * A scheduled event on the source that writes a row every second, tagged with the {@code @@server_id} of the server
 * that ran it: the demo's proof, read from the servers, that events move with the master. Before a flip only the old
 * master runs it (the seed and replication keep it off on the replica); the flip sets it {@code DISABLE ON SLAVE} on
 * the old master before the fence, so the binlog census of the old master finds none of its rows after the fence, and
 * enables it on the new master after WRITABLE, which {@link #ranOn} then finds rows of.
 *
 * <p>Set up as an operator's servers would be: the event scheduler ON on both (a MariaDB server's default is OFF; on
 * Aurora the cluster parameter group's {@code event_scheduler}), and the application account, the event's definer,
 * with the EVENT privilege on its schema on both servers (MySQL checks the definer's EVENT privilege when the event
 * runs). Both without binlogging: each server's own configuration.
 */
final class TickingEvent {
    private static final int FIRST_TICK_SECONDS = 10;
    private final LocalStack stack;
    private final String schema;

    private TickingEvent(LocalStack stack, String schema) {
        this.stack = stack;
        this.schema = schema;
    }

    /** Creates the table and the enabled event on the source, whose applications' account {@code app} defines it. */
    static TickingEvent install(LocalStack stack, String schema) throws SQLException {
        String definer = "'" + stack.accounts().app().user() + "'@'%'";
        for (DatabaseServer server : new DatabaseServer[] {stack.source(), stack.target()}) {
            server.runAsRoot("SET sql_log_bin = 0;\nSET GLOBAL event_scheduler = ON;\nGRANT EVENT ON `" + schema + "`.* TO "
                    + definer + ";\nSET sql_log_bin = 1;\n");
        }
        TickingEvent event = new TickingEvent(stack, schema);
        try (Connection admin = stack.source().connect(stack.accounts().admin()); Statement sql = admin.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS " + event.table()
                    + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, server_id INT UNSIGNED NOT NULL, at DATETIME(6) NOT NULL)");
            sql.execute("CREATE DEFINER = " + definer + " EVENT IF NOT EXISTS `" + schema + "`.tick ON SCHEDULE EVERY 1 SECOND"
                    + " DO INSERT INTO " + event.table() + " (server_id, at) VALUES (@@server_id, NOW(6))");
        }
        return event;
    }

    /** The last row's id on {@code master} (0 when none): rows after a flip are those above it. */
    long lastTick(DatabaseServer master) throws SQLException {
        try (Connection connection = master.connect(stack.accounts().admin()); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table())) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The rows above {@code after} that {@code server} wrote itself (its {@code @@server_id}), read on {@code server}:
     * waits up to {@value #FIRST_TICK_SECONDS} s for the first one, as the event runs once a second.
     */
    long ranOn(DatabaseServer server, long after) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(FIRST_TICK_SECONDS));
        try (Connection connection = server.connect(stack.accounts().admin());
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM " + table()
                        + " WHERE id > ? AND server_id = @@server_id")) {
            query.setLong(1, after);
            while (true) {
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    long count = row.getLong(1);
                    if (count > 0 || Instant.now().isAfter(deadline)) {
                        return count;
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    String name() {
        return schema + ".tick";
    }

    private String table() {
        return "`" + schema + "`.event_ticks";
    }
}
