package io.handoff.cutover.seed;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.JdbcLogin;
import io.handoff.cutover.cluster.ScheduledEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps the source's enabled events from running on a seeded target while it replicates. The dump programs copy an event
 * as the source has it, so one {@code ENABLE}d there is created {@code ENABLE}d on the target, whose own event scheduler
 * (on by default since MySQL 8.0) would run it there too: rows written twice (once by the target's run, once by
 * replication of the source's), and, where the event's session binlogs, transactions of the target's own that its source
 * never wrote (errant GTIDs, which a flip refuses). Each such event is set {@code DISABLE ON SLAVE} on the target, the
 * state replication itself gives an event it creates on a replica ({@code SLAVESIDE_DISABLED}, MySQL 8.0.22+
 * {@code REPLICA_SIDE_DISABLED}); the event's schedule, body and definer are kept ({@link ScheduledEvents.Event#alter}).
 * The flip switches them over: off on the old master before its fence, on on the new master once it is writable
 * ({@code io.handoff.cutover.steps.FlipEvents}).
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
        Set<String> enabledOnSource;
        try (Connection sourceSession = JdbcLogin.admin(source, connectTimeout, timeout)) {
            enabledOnSource = new HashSet<>(ScheduledEvents.names(ScheduledEvents.of(sourceSession, ScheduledEvents.ENABLED, schemas)));
        }
        if (enabledOnSource.isEmpty()) {
            return List.of();
        }
        List<String> disabled = new ArrayList<>();
        try (Connection targetSession = JdbcLogin.admin(target, connectTimeout, timeout); Statement sql = targetSession.createStatement()) {
            if (!how.binlogged()) {
                sql.execute("SET SESSION sql_log_bin = 0");
            }
            for (ScheduledEvents.Event event : ScheduledEvents.of(targetSession, ScheduledEvents.ENABLED, schemas)) {
                if (enabledOnSource.contains(event.toString())) {
                    try (PreparedStatement alter = event.alter("DISABLE ON SLAVE").prepare(targetSession)) {
                        alter.execute();
                    }
                    disabled.add(event.toString());
                }
            }
        }
        if (!disabled.isEmpty()) {
            LOG.infof("SEED of %s: %d event(s) enabled on %s set DISABLE ON SLAVE on %s, so that they do not run there while it"
                    + " replicates (%s); the flip enables them on the new master and disables them on the old one",
                    target.name(), disabled.size(), source.name(), target.name(), String.join(", ", disabled));
        }
        return disabled;
    }
}
