package io.handoff.cutover.cluster;

import io.handoff.common.sql.SqlLiteral;
import io.handoff.common.sql.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The scheduled events of the application schemas, read by status, and the {@code ALTER EVENT} that switches one on or
 * off and changes nothing else. The server runs an event whose status is {@code ENABLED} when its event scheduler is on;
 * one that replication created on a replica, or that was set {@code DISABLE ON SLAVE}, is {@code SLAVESIDE_DISABLED}
 * (MySQL 8.0.22+: {@code REPLICA_SIDE_DISABLED}) and does not run there.
 */
public final class ScheduledEvents {
    /** The statuses of an event that runs. */
    public static final List<String> ENABLED = List.of("ENABLED");
    /** The statuses of an event kept off on a replica: MariaDB's and MySQL's before 8.0.22, and MySQL's since. */
    public static final List<String> DISABLED_ON_REPLICA = List.of("SLAVESIDE_DISABLED", "REPLICA_SIDE_DISABLED");

    private ScheduledEvents() {
    }

    /**
     * One event.
     *
     * @param definer as information_schema shows it, {@code user@host}
     */
    public record Event(String schema, String name, String definer) {
        /**
         * {@code ALTER DEFINER = <its definer> EVENT <schema>.<name> <clause>}. The definer is named because the account
         * that runs {@code ALTER EVENT} otherwise becomes the event's definer (MySQL and MariaDB reference manuals,
         * ALTER EVENT), and the event would then run with that account's privileges; naming another account than one's
         * own needs SET_ANY_DEFINER (MySQL 8.2+), SET_USER_ID (before; Aurora MySQL 3's master user has it) or SUPER
         * (MariaDB), as creating the event with that definer did.
         */
        public SqlStatement alter(String clause) {
            int at = definer.lastIndexOf('@');
            if (at < 0) {
                throw new IllegalArgumentException("not a definer (user@host): " + definer);
            }
            return SqlStatement.of("ALTER DEFINER = " + SqlLiteral.quote(definer.substring(0, at)) + "@"
                    + SqlLiteral.quote(definer.substring(at + 1)) + " EVENT " + PortableSql.identifier(schema) + "."
                    + PortableSql.identifier(name) + " " + clause);
        }

        @Override
        public String toString() {
            return schema + "." + name;
        }
    }

    /** The events of {@code schemas} (every application schema when empty) with one of {@code statuses}, on a session. */
    public static List<Event> of(ClusterSession session, Collection<String> statuses, Collection<String> schemas)
            throws SQLException {
        return session.query(PortableSql.events(statuses, schemas), ScheduledEvents::event);
    }

    /** As {@link #of(ClusterSession, Collection, Collection)}, on a plain connection. */
    public static List<Event> of(Connection connection, Collection<String> statuses, Collection<String> schemas)
            throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement statement = PortableSql.events(statuses, schemas).prepare(connection);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                events.add(event(rows));
            }
        }
        return events;
    }

    /** The names ({@code schema.event}) of {@code events}. */
    public static List<String> names(Collection<Event> events) {
        return events.stream().map(Event::toString).toList();
    }

    private static Event event(ResultSet row) throws SQLException {
        return new Event(row.getString(1), row.getString(2), row.getString(3));
    }
}
