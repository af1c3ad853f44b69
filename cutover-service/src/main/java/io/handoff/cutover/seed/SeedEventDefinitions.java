package io.handoff.cutover.seed;

import io.handoff.cutover.cluster.PortableSql;
import io.handoff.cutover.cluster.ScheduledEvents;
import io.handoff.common.sql.SqlLiteral;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The scheduled events of some schemas, read on a source ({@code SHOW CREATE EVENT}) and created on a target over JDBC
 * already kept off there: one enabled on the source is created {@code DISABLE ON SLAVE}, the state replication gives an
 * event on a replica. The dump programs create it {@code ENABLE}d, as the source has it, and the target's event
 * scheduler (on by default since MySQL 8.0) could run it before anything set it off: a row written there by the
 * target (with the table's {@code AUTO_INCREMENT} the dump carried over, the key the source's own next row then
 * collides with, and replication stops), or a transaction of the target's own. Each is created under the
 * {@code sql_mode}, {@code time_zone} and character sets it was created with on the source, as the dump programs restore
 * them; the flip enables it on the new master ({@code io.handoff.cutover.steps.FlipEvents}).
 */
final class SeedEventDefinitions {
    private static final Logger LOG = Logger.getLogger(SeedEventDefinitions.class);
    /**
     * The status in {@code SHOW CREATE EVENT}'s statement, which MySQL and MariaDB print after the schedule and the
     * completion ({@code ... ON COMPLETION [NOT] PRESERVE ENABLE [COMMENT '...'] DO ...}).
     */
    private static final Pattern ENABLED = Pattern.compile("( ON COMPLETION (?:NOT )?PRESERVE )ENABLE( (?:COMMENT |DO ))");

    /**
     * One event as {@code SHOW CREATE EVENT} prints it.
     *
     * @param definer   as information_schema shows it, {@code user@host}
     * @param enabled   whether it runs on the source ({@code ENABLED})
     * @param statement its {@code CREATE ... EVENT} statement, without the schema
     */
    record Event(String schema, String name, String definer, boolean enabled, String statement, String sqlMode,
            String timeZone, String characterSetClient, String collationConnection) {
        @Override
        public String toString() {
            return schema + "." + name;
        }
    }

    private SeedEventDefinitions() {
    }

    /** The events of {@code schemas} on {@code source}. */
    static List<Event> of(Connection source, Collection<String> schemas) throws SQLException {
        List<String[]> names = new ArrayList<>();
        SeedTables.query(source, "SELECT EVENT_SCHEMA, EVENT_NAME, STATUS, DEFINER FROM information_schema.EVENTS WHERE EVENT_SCHEMA "
                + SeedTables.in(schemas) + " ORDER BY EVENT_SCHEMA, EVENT_NAME", schemas,
                row -> names.add(new String[] {row.getString(1), row.getString(2), row.getString(3), row.getString(4)}));
        List<Event> events = new ArrayList<>();
        try (Statement sql = source.createStatement()) {
            for (String[] name : names) {
                try (ResultSet row = sql.executeQuery("SHOW CREATE EVENT " + PortableSql.identifier(name[0]) + "."
                        + PortableSql.identifier(name[1]))) {
                    if (row.next()) {
                        events.add(new Event(name[0], name[1], name[3], "ENABLED".equals(name[2]), row.getString("Create Event"),
                                row.getString("sql_mode"), row.getString("time_zone"), row.getString("character_set_client"),
                                row.getString("collation_connection")));
                    }
                    // none: dropped since it was listed, and not copied
                }
            }
        }
        return events;
    }

    /**
     * {@code statement} ({@code SHOW CREATE EVENT}'s, of an enabled event) with its {@code ENABLE} status made
     * {@code DISABLE ON SLAVE}; empty when the status is not found where the servers print it.
     */
    static java.util.Optional<String> keptOff(String statement) {
        Matcher status = ENABLED.matcher(statement);
        if (!status.find()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(statement.substring(0, status.start()) + status.group(1) + "DISABLE ON SLAVE"
                + status.group(2) + statement.substring(status.end()));
    }

    /**
     * Creates {@code events} on {@code target} (a session of the seed's, whose binlogging it keeps), each dropped first
     * where it exists and, enabled on the source, kept off ({@link #keptOff}). One whose status is not found there is
     * created as printed and set off at once ({@code ALTER EVENT ... DISABLE ON SLAVE}, its definer kept), with a
     * warning. Leaves the session's {@code sql_mode}, {@code time_zone} and character sets changed.
     */
    static void create(Connection target, List<Event> events) throws SQLException {
        List<String> keptOff = new ArrayList<>();
        try (Statement sql = target.createStatement()) {
            // An event's body is sent as the source printed it: no JDBC escapes ({fn ...}) are rewritten in it.
            sql.setEscapeProcessing(false);
            for (Event event : events) {
                java.util.Optional<String> off = event.enabled() ? keptOff(event.statement()) : java.util.Optional.empty();
                String statement = off.orElse(event.statement());
                if (event.enabled()) {
                    keptOff.add(event.toString());
                    if (off.isEmpty()) {
                        LOG.warnf("SEED: the status of event %s was not found where the servers print it; it is created as"
                                + " the source has it and set DISABLE ON SLAVE right after", event);
                    }
                }
                sql.execute("SET SESSION sql_mode = " + SqlLiteral.quote(event.sqlMode())
                        + ", time_zone = " + SqlLiteral.quote(event.timeZone())
                        + ", character_set_client = " + SqlLiteral.quote(SeedTriggers.clientCharacterSet(event.characterSetClient(),
                                statement, "event " + event))
                        + ", collation_connection = " + SqlLiteral.quote(event.collationConnection()));
                sql.execute("USE " + PortableSql.identifier(event.schema()));
                sql.execute("DROP EVENT IF EXISTS " + PortableSql.identifier(event.schema()) + "." + PortableSql.identifier(event.name()));
                sql.execute(statement);
                if (event.enabled() && off.isEmpty()) {
                    try (java.sql.PreparedStatement alter = new ScheduledEvents.Event(event.schema(), event.name(), event.definer())
                            .alter("DISABLE ON SLAVE").prepare(target)) {
                        alter.execute();
                    }
                }
            }
        }
        if (!keptOff.isEmpty()) {
            LOG.infof("SEED: %d event(s) enabled on the source created DISABLE ON SLAVE on the target, so that they do not run"
                    + " there while it replicates (%s); the flip enables them on the new master and disables them on the old"
                    + " one", keptOff.size(), String.join(", ", keptOff));
        }
    }
}
