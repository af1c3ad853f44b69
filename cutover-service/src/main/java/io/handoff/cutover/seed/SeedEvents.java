package io.handoff.cutover.seed;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.JdbcLogin;
import io.handoff.cutover.cluster.PortableSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps the source's enabled events from running on a seeded target while it replicates. The dump programs copy an event
 * as the source has it, so one {@code ENABLE}d there is created {@code ENABLE}d on the target, whose own event scheduler
 * (on by default since MySQL 8.0) would run it there too: rows written twice (once by the target's run, once by
 * replication of the source's), and, where the event's session binlogs, transactions of the target's own that its source
 * never wrote (errant GTIDs, which a flip refuses). Each such event is set {@code DISABLE ON SLAVE} on the target, the
 * state replication itself gives an event it creates on a replica ({@code SLAVESIDE_DISABLED}, MySQL 8.0.22+
 * {@code REPLICA_SIDE_DISABLED}); the event's schedule, body and definer are kept.
 *
 * <p>The flip does not enable them: after it, {@code ALTER EVENT ... ENABLE} on the new master and {@code DISABLE ON
 * SLAVE} on the old one are the operator's, which the seed logs with the events' names.
 */
public final class SeedEvents {
    private static final Logger LOG = Logger.getLogger(SeedEvents.class);

    private SeedEvents() {
    }

    /**
     * Sets each event of {@code schemas} that is enabled on {@code source} and on {@code target} to {@code DISABLE ON
     * SLAVE} on {@code target}, on a session that binlogs as the load did ({@code how}); returns their names
     * ({@code schema.event}).
     */
    public static List<String> keepOffOnReplica(ClusterSpec source, ClusterSpec target, DumpFormat.Load how,
            Collection<String> schemas, Duration connectTimeout, Duration timeout) throws SQLException {
        List<Event> enabled;
        try (Connection sourceSession = JdbcLogin.admin(source, connectTimeout, timeout)) {
            enabled = enabled(sourceSession, schemas);
        }
        if (enabled.isEmpty()) {
            return List.of();
        }
        List<String> disabled = new ArrayList<>();
        try (Connection targetSession = JdbcLogin.admin(target, connectTimeout, timeout); Statement sql = targetSession.createStatement()) {
            if (!how.binlogged()) {
                sql.execute("SET SESSION sql_log_bin = 0");
            }
            List<Event> enabledOnTarget = enabled(targetSession, schemas);
            for (Event event : enabled) {
                if (enabledOnTarget.contains(event)) {
                    sql.execute("ALTER EVENT " + PortableSql.identifier(event.schema()) + "." + PortableSql.identifier(event.name())
                            + " DISABLE ON SLAVE");
                    disabled.add(event.toString());
                }
            }
        }
        if (!disabled.isEmpty()) {
            LOG.warnf("SEED of %s: %d event(s) enabled on %s set DISABLE ON SLAVE on %s, so that they do not run there while it"
                    + " replicates (%s); after the flip enable them on the new master (ALTER EVENT ... ENABLE) and disable them on"
                    + " the old one (ALTER EVENT ... DISABLE ON SLAVE): the flip leaves events as they are", target.name(),
                    disabled.size(), source.name(), target.name(), String.join(", ", disabled));
        }
        return disabled;
    }

    private record Event(String schema, String name) {
        @Override
        public String toString() {
            return schema + "." + name;
        }
    }

    /** The events of {@code schemas} enabled on {@code server}. */
    private static List<Event> enabled(Connection server, Collection<String> schemas) throws SQLException {
        List<Event> events = new ArrayList<>();
        SeedTables.query(server, "SELECT EVENT_SCHEMA, EVENT_NAME FROM information_schema.EVENTS WHERE STATUS = 'ENABLED'"
                + " AND EVENT_SCHEMA " + SeedTables.in(schemas) + " ORDER BY EVENT_SCHEMA, EVENT_NAME", schemas,
                row -> events.add(new Event(row.getString(1), row.getString(2))));
        return events;
    }
}
