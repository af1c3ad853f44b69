package io.handoff.cutover.seed;

import io.handoff.common.sql.SqlLiteral;
import io.handoff.cutover.cluster.PortableSql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The triggers of some schemas, read on a source and created on a target over JDBC, each as the source's
 * {@code SHOW CREATE TRIGGER} prints it (its definer, timing, event and body) under the {@code sql_mode},
 * {@code character_set_client} and {@code collation_connection} it was created with, as the dump programs restore them:
 * what a {@link ParallelSeed} creates after the rows, so that none fires on a copied row. Over the seed's own connection
 * instead of a dump program piped into a client program, whose two processes cost about a second of serial time on
 * MariaDB (its 11.4 client programs each spend about 0.3 CPU s starting).
 *
 * <p>Each table's triggers for one timing and event are created in their {@code ACTION_ORDER}, each after the one before
 * it (a trigger created without {@code FOLLOWS} or {@code PRECEDES} comes last), so they fire in the source's order.
 */
final class SeedTriggers {
    private static final Logger LOG = Logger.getLogger(SeedTriggers.class);

    /**
     * One trigger as {@code SHOW CREATE TRIGGER} prints it.
     *
     * @param statement           its {@code CREATE ... TRIGGER} statement, without the schema
     * @param sqlMode             the {@code sql_mode} it was created under
     * @param characterSetClient  the {@code character_set_client} it was created with
     * @param collationConnection the {@code collation_connection} it was created with
     */
    record Trigger(String schema, String name, String statement, String sqlMode, String characterSetClient,
            String collationConnection) {
        @Override
        public String toString() {
            return schema + "." + name;
        }
    }

    private SeedTriggers() {
    }

    /** The triggers of {@code schemas} on {@code source}, in the order they are to be created. */
    static List<Trigger> of(Connection source, Collection<String> schemas) throws SQLException {
        List<String[]> names = new ArrayList<>();
        SeedTables.query(source, "SELECT TRIGGER_SCHEMA, TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA "
                + SeedTables.in(schemas) + " ORDER BY TRIGGER_SCHEMA, EVENT_OBJECT_TABLE,"
                + " ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER", schemas,
                row -> names.add(new String[] {row.getString(1), row.getString(2)}));
        List<Trigger> triggers = new ArrayList<>();
        try (Statement sql = source.createStatement()) {
            for (String[] name : names) {
                try (ResultSet row = sql.executeQuery("SHOW CREATE TRIGGER " + PortableSql.identifier(name[0]) + "."
                        + PortableSql.identifier(name[1]))) {
                    if (row.next()) {
                        triggers.add(new Trigger(name[0], name[1], row.getString("SQL Original Statement"), row.getString("sql_mode"),
                                row.getString("character_set_client"), row.getString("collation_connection")));
                    }
                    // none: dropped since it was listed, and not copied
                }
            }
        }
        return triggers;
    }

    /**
     * Creates {@code triggers} on {@code target} (a session of the seed's, whose binlogging it keeps), each dropped first
     * where it exists. Leaves the session's {@code sql_mode} and character sets changed.
     */
    static void create(Connection target, List<Trigger> triggers) throws SQLException {
        try (Statement sql = target.createStatement()) {
            // A trigger's body is sent as the source printed it: no JDBC escapes ({fn ...}) are rewritten in it.
            sql.setEscapeProcessing(false);
            for (Trigger trigger : triggers) {
                sql.execute("SET SESSION sql_mode = " + SqlLiteral.quote(trigger.sqlMode())
                        + ", character_set_client = " + SqlLiteral.quote(clientCharacterSet(trigger.characterSetClient(),
                                trigger.statement(), "trigger " + trigger))
                        + ", collation_connection = " + SqlLiteral.quote(trigger.collationConnection()));
                sql.execute("USE " + PortableSql.identifier(trigger.schema()));
                sql.execute("DROP TRIGGER IF EXISTS " + PortableSql.identifier(trigger.schema()) + "."
                        + PortableSql.identifier(trigger.name()));
                sql.execute(trigger.statement());
            }
        }
    }

    /**
     * The character set a statement ({@code what}: a trigger's or an event's) is sent in as the server reads it: its own
     * ({@code original}) where the driver's UTF-8 bytes mean the same in it (an ASCII statement, or a UTF-8 character
     * set); else utf8mb4, which changes the recorded {@code character_set_client} but not the text (the dump programs
     * would send UTF-8 bytes under the original name, changing the text).
     */
    static String clientCharacterSet(String original, String statement, String what) {
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(statement);
        if (ascii || original.toLowerCase(Locale.ROOT).startsWith("utf8")) {
            return original;
        }
        LOG.warnf("SEED: %s was created with character_set_client %s and its text is not ASCII: it is created on the"
                + " target with utf8mb4, which keeps its text", what, original);
        return "utf8mb4";
    }
}
