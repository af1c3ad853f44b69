package io.handoff.cutover.seed;

import io.handoff.common.cluster.ServerFlavor;
import io.handoff.common.sql.ReplicationPosition;
import io.handoff.common.sql.StrategyNotSupportedException;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Oracle MySQL's dump: {@code --source-data=2 --set-gtid-purged=COMMENTED} writes the binlog coordinates
 * and the source's {@code gtid_executed} at the dump as comments in its header (a commented
 * {@code SET @@GLOBAL.GTID_PURGED='+uuid:1-42,...'}, one UUID a line), and the dump itself turns binlogging
 * off for the loading session ({@code SET @@SESSION.SQL_LOG_BIN= 0}, which the loader's own
 * {@code --init-command} repeats so that a refusal comes at login, before the first statement).
 *
 * <p>Why COMMENTED and not ON: with ON the dump adds its set to {@code gtid_purged} before the data, so a
 * load that fails half-way leaves a target claiming the whole dump (replication would start after rows
 * it never got), and a repeated seed fails because the set is already there. Here the set is added after
 * a complete load, and only the part the target lacks ({@link io.handoff.common.sql.SqlDialect#addPurgedGtids}).
 *
 * <p>The target must end with {@code gtid_executed} = the dump's set (plus nothing of its own), so that
 * auto-positioned replication asks the source for exactly what came after the dump. That takes an account
 * that may set {@code sql_log_bin} (SUPER, SYSTEM_VARIABLES_ADMIN or SESSION_VARIABLES_ADMIN) and
 * {@code gtid_purged} (SUPER or SYSTEM_VARIABLES_ADMIN). Aurora MySQL's master user has neither, and
 * nothing else works on a fresh target either: a binlogged load gives the target GTIDs of its own (errant:
 * a flip back would ask for them and replay the whole load on the old master), and clearing them
 * ({@code RESET BINARY LOGS AND GTIDS}) leaves {@code gtid_purged} to set, which the account may not do.
 * Such a target is refused before anything is changed.
 */
final class MySqlDumpFormat implements DumpFormat {
    static final MySqlDumpFormat INSTANCE = new MySqlDumpFormat();
    /** ER_SPECIFIC_ACCESS_DENIED_ERROR: "you need (at least one of) the ... privilege(s)". */
    private static final int ACCESS_DENIED = 1227;
    private static final String INSTEAD = "seed the target out of band with an account that has SYSTEM_VARIABLES_ADMIN"
            + " (a snapshot restore, or the dump loaded with binlogging off and gtid_purged set to the dump's set), then SEED"
            + " with method external and position = the dump's GTID set; nothing was changed";

    private MySqlDumpFormat() {
    }

    @Override
    public List<String> positionOptions() {
        return List.of("--source-data=2", "--set-gtid-purged=COMMENTED");
    }

    @Override
    public List<String> loginOptions() {
        return List.of("--get-server-public-key");
    }

    @Override
    public Optional<String> position(String head, String tail) {
        return DumpHeader.mySqlPosition(head);
    }

    @Override
    public Optional<String> refusal(ServerFlavor target) {
        if (target != ServerFlavor.MARIADB) {
            return Optional.empty();
        }
        return Optional.of("a MySQL source cannot seed a MariaDB target by dump: MariaDB cannot take MySQL's GTID set as its"
                + " position (it replicates MySQL only by binlog file and position, and stops at JSON columns)");
    }

    @Override
    public void checkTarget(ClusterSession source, ClusterSession target) throws Refused, SQLException {
        String own = normalised(ClusterState.executedGtid(target));
        if (!own.isEmpty()) {
            String sourceSet = normalised(ClusterState.executedGtid(source));
            if (!subset(source, own, sourceSet)) {
                throw new Refused(target.cluster().name() + " has GTIDs that its source " + source.cluster().name()
                        + " never wrote (gtid_executed " + own + ", the source's " + sourceSet + "): loaded with them, it"
                        + " could not replicate in both directions", "if those transactions are not needed, run RESET BINARY LOGS"
                        + " AND GTIDS on " + target.cluster().name() + " (MySQL 8.4+; RESET MASTER before), then SEED again;"
                        + " nothing was changed");
            }
        }
        String account = target.cluster().name() + "'s account " + target.user();
        try {
            target.execute(target.dialect().sessionBinlog(false));
        } catch (SQLException e) {
            throw refusedFor(e, account + " may not load without binlogging (SET sql_log_bin=0 needs SUPER,"
                    + " SYSTEM_VARIABLES_ADMIN or SESSION_VARIABLES_ADMIN): the load would give the target GTIDs of its own");
        }
        // The session is the cluster's warm connection, which later steps use: binlogging goes back on.
        target.execute(target.dialect().sessionBinlog(true));
        try {
            // Adds nothing (the empty set): only the privilege is checked.
            target.execute(target.dialect().addPurgedGtids(""));
        } catch (StrategyNotSupportedException e) {
            throw new Refused(account + " cannot record the dump's GTID set: " + e.getMessage(), INSTEAD);
        } catch (SQLException e) {
            throw refusedFor(e, account + " cannot record the dump's GTID set (SET GLOBAL gtid_purged needs SUPER or"
                    + " SYSTEM_VARIABLES_ADMIN): replication would start from nothing");
        }
    }

    @Override
    public void completeTarget(ClusterSession target, String position) throws Refused, SQLException {
        if (!position.isEmpty()) {
            target.execute(target.dialect().addPurgedGtids(position));
        }
        String executed = normalised(ClusterState.executedGtid(target));
        if (!subset(target, executed, position)) {
            throw new Refused(target.cluster().name() + " wrote transactions of its own while the dump loaded: gtid_executed "
                    + executed + " is more than the dump's " + position, "find what wrote to " + target.cluster().name()
                    + ", remove those GTIDs (RESET BINARY LOGS AND GTIDS) and SEED again");
        }
    }

    private static boolean subset(ClusterSession session, String subset, String superset) throws SQLException {
        Number answer = session.queryNumber(session.dialect().gtidSubset(subset, superset));
        return answer != null && answer.longValue() == 1;
    }

    private static String normalised(String gtidSet) {
        return new ReplicationPosition.Gtid(gtidSet).set();
    }

    private static Refused refusedFor(SQLException e, String message) throws SQLException {
        if (e.getErrorCode() != ACCESS_DENIED) {
            throw e;
        }
        return new Refused(message + " (" + e.getMessage() + ")", INSTEAD);
    }
}
