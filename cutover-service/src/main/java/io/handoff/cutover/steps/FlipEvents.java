package io.handoff.cutover.steps;

import io.handoff.common.sql.SqlStatement;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ScheduledEvents;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Moves the scheduled events with the master. A server's event scheduler runs its {@code ENABLED} events as their
 * definers, past a fence that does not hold those accounts: {@code account-lock} and {@code security-group-swap} leave the
 * old master writable, and MariaDB's {@code read_only} lets a definer with SUPER or READ_ONLY ADMIN write. An event left
 * running on the old master would be a second writer after the flip. So:
 * <ul>
 *   <li>{@link #stop}, before the old master is fenced (READ_ONLY of the flip's old master, ROLLBACK's fence of the new
 *       one): each event enabled there is set {@code DISABLE ON SLAVE}, the state replication gives the events it creates
 *       on a replica, which the server does not run. Before the fence, because MySQL's {@code super_read_only} refuses
 *       {@code ALTER EVENT} after it. The statement is binlogged as the server's writes are, so it reaches the new master
 *       before WAIT_SYNC's position (where the copies are kept off already);</li>
 *   <li>{@link #startOrWarn}, once the new master takes writes (WRITABLE, ROLLBACK's reopened master): each event kept off there
 *       ({@code SLAVESIDE_DISABLED}, {@code REPLICA_SIDE_DISABLED}) is enabled, the step MySQL's manual gives for a
 *       replica promoted to source (Replication of Invoked Features). The old master, replicating from the new one,
 *       receives the statement and keeps its copy off, as a replica does with every event statement it applies.</li>
 * </ul>
 * Every {@code ALTER EVENT} names the event's definer, which is kept ({@link ScheduledEvents.Event#alter}).
 */
final class FlipEvents {
    private static final Logger LOG = Logger.getLogger(FlipEvents.class);
    private static final SqlStatement SCHEDULER = SqlStatement.of("SELECT @@GLOBAL.event_scheduler");

    private FlipEvents() {
    }

    /**
     * Sets every event enabled on {@code oldMaster} {@code DISABLE ON SLAVE}; returns their names ({@code schema.event}),
     * empty when none was enabled (a repeat). A server already read-only past the administrative account (MySQL's
     * {@code super_read_only}, Aurora's {@code read_only}) refuses the statement: its events may not write either, and
     * what is left enabled is logged.
     */
    static List<String> stop(ClusterSession oldMaster) throws SQLException {
        List<String> stopped = new ArrayList<>();
        List<ScheduledEvents.Event> enabled = ScheduledEvents.of(oldMaster, ScheduledEvents.ENABLED, List.of());
        for (ScheduledEvents.Event event : enabled) {
            try {
                oldMaster.execute(event.alter("DISABLE ON SLAVE"));
            } catch (SQLException e) {
                if (!SqlFailures.refusedByReadOnly(e)) {
                    throw e;
                }
                LOG.warnf("%s is read-only already and refused ALTER EVENT to %s; left enabled there: %s (they cannot write past"
                        + " read-only unless their definer may)", oldMaster.cluster().name(), oldMaster.user(),
                        ScheduledEvents.names(enabled.subList(stopped.size(), enabled.size())));
                break;
            }
            stopped.add(event.toString());
        }
        if (!stopped.isEmpty()) {
            LOG.infof("%s: %d event(s) set DISABLE ON SLAVE before the fence: %s", oldMaster.cluster().name(), stopped.size(),
                    stopped);
        }
        return stopped;
    }

    /** The events kept off on {@code newMaster} that {@link #startOrWarn} enables (a read, before a fence's window). */
    static List<ScheduledEvents.Event> keptOff(ClusterSession newMaster) throws SQLException {
        return ScheduledEvents.of(newMaster, ScheduledEvents.DISABLED_ON_REPLICA, List.of());
    }

    /**
     * What {@link #startOrWarn} did: the events enabled, or a warning saying which are still off and why.
     */
    record Started(List<String> events, String warning) {
    }

    /**
     * As {@link #start(ClusterSession, List)}, for a server that takes writes already: a refusal fails nothing (the
     * server is the one writable master, and undoing the flip for its events would fence the applications again); it
     * is logged and returned as a warning naming the events and what to run; so is a server whose event scheduler is
     * not ON, where the events enabled do not run.
     */
    static Started startOrWarn(ClusterSession newMaster, List<ScheduledEvents.Event> keptOff) {
        try {
            List<String> started = start(newMaster, keptOff);
            return new Started(started, started.isEmpty() ? null : schedulerOff(newMaster, started));
        } catch (SQLException e) {
            String warning = "the events kept off on " + newMaster.cluster().name() + " as on a replica are not all enabled ("
                    + e.getMessage() + "): enable " + ScheduledEvents.names(keptOff) + " there (ALTER EVENT ... ENABLE), or"
                    + " repeat the step";
            LOG.warn(warning);
            return new Started(List.of(), warning);
        }
    }

    /**
     * A warning when {@code newMaster}'s event scheduler is not ON, so that the events just enabled there do not run (a
     * MariaDB server's default is OFF; on Aurora the cluster parameter group's {@code event_scheduler} decides); null
     * when it is ON.
     */
    private static String schedulerOff(ClusterSession newMaster, List<String> started) throws SQLException {
        String scheduler = newMaster.queryString(SCHEDULER).orElse("");
        if ("ON".equalsIgnoreCase(scheduler) || "1".equals(scheduler)) {
            return null;
        }
        String warning = "the events enabled on " + newMaster.cluster().name() + " do not run: its event_scheduler is "
                + scheduler + " (SET GLOBAL event_scheduler = ON; Aurora: the cluster parameter group's event_scheduler): "
                + started;
        LOG.warn(warning);
        return warning;
    }

    /**
     * Enables {@code events} on {@code newMaster}, read by {@link #keptOff} since the server last changed; returns their
     * names, empty when there was none (a repeat).
     */
    static List<String> start(ClusterSession newMaster, List<ScheduledEvents.Event> events) throws SQLException {
        for (ScheduledEvents.Event event : events) {
            newMaster.execute(event.alter("ENABLE"));
        }
        List<String> started = ScheduledEvents.names(events);
        if (!started.isEmpty()) {
            LOG.infof("%s takes writes: %d event(s) it kept off as a replica enabled: %s", newMaster.cluster().name(),
                    started.size(), started);
        }
        return started;
    }
}
