package io.handoff.demo;

import io.handoff.common.cluster.Secret;
import io.handoff.common.sql.GtidWaitResult;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.workload.Ack;
import io.handoff.localstack.workload.WorkloadReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of {@code bench/flip-window.sh}: the same fence as a handoff flip, issued by one plain JDBC program on
 * connections opened beforehand, with no Kafka and no services: FLUSH TABLES, read-only on the old master (its
 * dialect's switch), its application sessions killed, FLUSH TABLES again (as a plan's second FLUSH_TABLES), its binlog
 * position read, the new master waiting for it, its replication stopped and reset, writable, the applications' DNS
 * records changed and waited INSYNC, then the old master replicating from the new one. What is left between read-only and writable is what the servers need; a
 * handoff flip's extra time over this is the price of its commands and events. The same writable-overlap watch as a
 * handoff flip's ({@link WritableMastersWatch}) probes both servers meanwhile: both kinds of flip carry the same
 * measuring load, and the bare fence's overlap is measured the same way.
 */
final class BareSqlFlip {
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final int UNKNOWN_THREAD = 1094;

    /**
     * One bare flip.
     *
     * @param writeBlockedMs        longest gap between acknowledged writes from read-only to the first write on the new master
     * @param readOnlyToWritableMs  from the old master's read-only to the new master's writable, to the microsecond
     * @param lostWrites            acknowledged writes missing on the new master afterwards
     * @param writableOverlapMs     how long both servers accepted a write, by the watch's probes
     * @param window                where the time from read-only to writable went, statement by statement, as a
     *                              handoff fence's window logs it ({@code KILL_CONNECTIONS 1.2 ms, ...})
     */
    record Result(long writeBlockedMs, double readOnlyToWritableMs, long lostWrites, long writableOverlapMs, String window) {
    }

    private final LocalStack stack;
    private final FlipScenario scenario;

    BareSqlFlip(LocalStack stack, FlipScenario scenario) {
        this.stack = stack;
        this.scenario = scenario;
    }

    /** Flips from {@code from} (the writable master, whose replica {@code to} is) to {@code to}. */
    Result flip(DatabaseServer from, DatabaseServer to) throws SQLException, InterruptedException {
        String newAddress = scenario.applicationAddress(to);
        try (Connection a = from.connect(from.clusterAccount()); Connection b = to.connect(to.clusterAccount());
                DemoDns dns = new DemoDns(stack.route53().endpoint()); WritableMastersWatch watch = scenario.startWatch()) {
            SqlDialect da = dialect(from, a);
            SqlDialect db = dialect(to, b);
            List<String[]> records = new ArrayList<>();
            for (FlipScenario.Zone zone : scenario.zones()) {
                String zoneId = dns.zoneId(zone.name());
                for (String application : scenario.applications()) {
                    records.add(new String[] {zoneId, FlipScenario.databaseName(application, zone.name())});
                }
            }

            Instant fenceStarted = Instant.now();
            execute(a, da.flushTables());
            readOnly(a, da, true);
            Instant readOnlyAt = Instant.now();
            WindowClock window = new WindowClock();
            killApplicationSessions(a, da);
            window.mark("KILL_CONNECTIONS");
            execute(a, da.flushTables());
            window.mark("FLUSH_TABLES");
            String position = value(a, da.currentGtidPosition());
            GtidWaitResult waited = db.interpretGtidWait(number(b, db.waitForGtid(position, SYNC_TIMEOUT.toSeconds())));
            if (waited != GtidWaitResult.REACHED) {
                throw new IllegalStateException(to.host() + " did not reach " + position + " within " + SYNC_TIMEOUT + ": " + waited);
            }
            window.mark("WAIT_SYNC");
            execute(b, db.stopReplica());
            window.mark("STOP_REPLICA");
            String newPosition = value(b, db.currentGtidPosition());
            newPosition = newPosition == null || newPosition.isBlank() ? value(b, db.executedGtidPosition()) : newPosition;
            window.mark("CAPTURE_POSITION");
            execute(b, db.resetReplicaAll());
            window.mark("RESET_REPLICA");
            readOnly(b, db, false);
            Instant writableAt = Instant.now();
            window.mark("WRITABLE");
            List<String> changes = new ArrayList<>();
            for (String[] record : records) {
                changes.add(dns.changeA(record[0], record[1], newAddress, 1));
            }
            for (String change : changes) {
                dns.awaitInsync(change, SYNC_TIMEOUT);
            }
            // Reverse replication, after the applications were switched, as a handoff flip does it.
            for (SqlStatement statement : da.changeSource(to.host(), to.port(), stack.accounts().repl().user(),
                    Secret.of(stack.accounts().repl().password()), newPosition, true)) {
                execute(a, statement);
            }
            execute(a, da.startReplica());

            WorkloadReport report = awaitFirstAck(newAddress, writableAt);
            Instant firstOnNew = report.acksOn(newAddress, fenceStarted).stream().map(Ack::acknowledgedAt).min(Instant::compareTo)
                    .orElseThrow();
            long lost = LostWrites.count(b, to.host(), report);
            watch.close();
            return new Result(report.longestGapBetweenAcks(fenceStarted, firstOnNew).toMillis(),
                    FlipOutcome.millis(Duration.between(readOnlyAt, writableAt)), lost, watch.overlapMs(), window.toString());
        }
    }

    /**
     * Waits until {@code replica} has applied everything {@code master} has written so far (the server-side wait of the
     * dialect), as a plan's lag gate does before READ_ONLY: each measured flip then starts from a caught-up replica
     * instead of the backlog the previous flip left, whichever way it was flipped. Outside the measured window.
     */
    static void awaitCaughtUp(DatabaseServer master, DatabaseServer replica) throws SQLException {
        try (Connection a = master.connect(master.clusterAccount()); Connection b = replica.connect(replica.clusterAccount())) {
            SqlDialect da = dialect(master, a);
            SqlDialect db = dialect(replica, b);
            String position = value(a, da.currentGtidPosition());
            GtidWaitResult waited = db.interpretGtidWait(number(b, db.waitForGtid(position, SYNC_TIMEOUT.toSeconds())));
            if (waited != GtidWaitResult.REACHED) {
                throw new IllegalStateException(replica.host() + " did not catch up with " + position + " within "
                        + SYNC_TIMEOUT + ": " + waited);
            }
        }
    }

    private WorkloadReport awaitFirstAck(String address, Instant after) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE);
        while (scenario.report().acksOn(address, after).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no write acknowledged by " + address + " within " + SETTLE + " of the bare flip");
            }
            Thread.sleep(20);
        }
        return scenario.report();
    }

    /**
     * The time each statement of the window took, from read-only on: "KILL_CONNECTIONS 1.2 ms, FLUSH_TABLES 0.3 ms, ...".
     * Inside the window it only reads the clock into an array; the text is made afterwards.
     */
    private static final class WindowClock {
        private final String[] steps = new String[16];
        private final long[] at = new long[17];
        private int marks;

        WindowClock() {
            at[0] = System.nanoTime();
        }

        void mark(String step) {
            at[marks + 1] = System.nanoTime();
            steps[marks++] = step;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < marks; i++) {
                text.append(i == 0 ? "" : ", ").append(steps[i]).append(' ')
                        .append(String.format(java.util.Locale.ROOT, "%.1f", (at[i + 1] - at[i]) / 1e6)).append(" ms");
            }
            return text.toString();
        }
    }

    private static SqlDialect dialect(DatabaseServer server, Connection connection) throws SQLException {
        SqlDialect flavor = SqlDialect.of(server.flavor().serverFlavor());
        return SqlDialect.of(server.flavor().serverFlavor(), value(connection, flavor.serverVersion()));
    }

    /** The dialect's own switch: {@code mysql.rds_set_read_only} where it has one (Aurora 3.06+), else SET GLOBAL. */
    private static void readOnly(Connection connection, SqlDialect dialect, boolean on) throws SQLException {
        List<SqlStatement> statements = dialect.readOnlyProcedure().isPresent() ? dialect.setReadOnlyThroughProcedure(on)
                : dialect.setReadOnly(on);
        for (SqlStatement statement : statements) {
            execute(connection, statement);
        }
    }

    private void killApplicationSessions(Connection connection, SqlDialect dialect) throws SQLException {
        String app = stack.accounts().app().user();
        List<Long> victims = new ArrayList<>();
        try (PreparedStatement list = dialect.listSessions().prepare(connection); ResultSet rows = list.executeQuery()) {
            while (rows.next()) {
                if (app.equals(rows.getString("user"))) {
                    victims.add(rows.getLong("id"));
                }
            }
        }
        for (long id : victims) {
            try {
                execute(connection, dialect.killConnection(id));
            } catch (SQLException gone) {
                if (gone.getErrorCode() != UNKNOWN_THREAD) {
                    throw gone;
                }
            }
        }
    }

    private static void execute(Connection connection, SqlStatement statement) throws SQLException {
        try (PreparedStatement prepared = statement.prepare(connection)) {
            prepared.execute();
        }
    }

    private static String value(Connection connection, SqlStatement statement) throws SQLException {
        try (PreparedStatement prepared = statement.prepare(connection); ResultSet rows = prepared.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static Number number(Connection connection, SqlStatement statement) throws SQLException {
        try (PreparedStatement prepared = statement.prepare(connection); ResultSet rows = prepared.executeQuery()) {
            return rows.next() ? (Number) rows.getObject(1) : null;
        }
    }
}
