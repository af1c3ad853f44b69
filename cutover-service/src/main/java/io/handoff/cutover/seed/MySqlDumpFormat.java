package io.handoff.cutover.seed;

import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.DumpHeader;
import io.handoff.common.sql.ReplicationPosition;
import io.handoff.common.sql.SqlStatement;
import io.handoff.common.sql.StrategyNotSupportedException;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
 * <p><b>Unlogged load</b> (the target's account may set {@code sql_log_bin}: SUPER, SYSTEM_VARIABLES_ADMIN or
 * SESSION_VARIABLES_ADMIN): the target ends with {@code gtid_executed} = what it had + the dump's set, nothing of
 * its own, so that auto-positioned replication asks the source for exactly what came after the dump.
 *
 * <p><b>Binlogged load</b> (Aurora MySQL's master user, which may not switch binlogging off): every statement
 * of the dump is written to the target's binlog as a transaction with a GTID of the target's own
 * ({@code target_uuid:n-m}, the "load GTIDs"). Left alone they break replication both ways: a flip back's
 * reverse replication, auto-positioned from the old master, would ask the target for every GTID the old master
 * lacks, load GTIDs included, and replay the whole dump on the old master (drop and recreate its tables with
 * the rows as they were at the dump, losing every later write, or stop on a duplicate key); and PRECHECK sees
 * them as errant. So once the load is complete:
 * <ol>
 *   <li>the load GTIDs are computed: {@code GTID_SUBTRACT(gtid_executed after, gtid_executed before)}, restricted
 *       to the target's {@code server_uuid} (reported as the step's {@code targetLoadGtids});</li>
 *   <li>they are added to the <em>source's</em> {@code gtid_purged} ({@code SET GLOBAL gtid_purged='+...'} by its
 *       administrative account; the source's dialect, so an Aurora source would call its procedure). That is
 *       true to the data: what the load did is the source's own data as of the dump, which the source holds
 *       already (and has changed since), so the source must count those transactions as done and never run
 *       them; marked purged, they are never asked for from it either;</li>
 *   <li>the dump's set is added to the target's {@code gtid_purged} ({@code CALL mysql.rds_gtid_purged('+...')}
 *       on Aurora MySQL 3.04+), as for an unlogged load.</li>
 * </ol>
 * Both servers then hold the same history up to the seed: forward auto-positioning (target from source) asks
 * for what the source wrote after the dump and nothing else, and reverse auto-positioning (source from target,
 * the flip back) finds the load GTIDs in the source's {@code gtid_executed} and skips them, receiving only what
 * the target wrote after the seed. Order: the source first, so that an attempt cut between the two leaves a
 * target whose GTIDs the source knows, which a new SEED takes. Other replicas that auto-position from the
 * source must be given the load GTIDs too ({@code SET GLOBAL gtid_purged='+targetLoadGtids'}), or they fail
 * with error 1236 (the source "has purged" GTIDs they lack) on their next reconnection.
 *
 * <p>Refused before anything changes: a target holding any GTID its source lacks (its own writes, or load
 * GTIDs of an interrupted seed the source was never told about: the load's drop-and-recreate would hide them
 * and reverse replication would replay them); a binlogged load where the target cannot record the dump's set
 * (Aurora before 3.04: no {@code mysql.rds_gtid_purged}), the source's account may not set its
 * {@code gtid_purged} (SYSTEM_VARIABLES_ADMIN or SUPER), or the schemas hold triggers or stored routines while the
 * target's {@code log_bin_trust_function_creators} is 0 (MySQL refuses to create them, error 1419, half-way
 * through the load). Nothing must write to the target while it loads: its
 * own transactions in that window are counted as load GTIDs.
 */
final class MySqlDumpFormat implements DumpFormat {
    static final MySqlDumpFormat INSTANCE = new MySqlDumpFormat();
    /** ER_SPECIFIC_ACCESS_DENIED_ERROR: "you need (at least one of) the ... privilege(s)". */
    private static final int ACCESS_DENIED = 1227;
    /** ER_SP_DOES_NOT_EXIST: the procedure is missing. */
    private static final int NO_SUCH_PROCEDURE = 1305;
    /** ER_PROCACCESS_DENIED_ERROR: no EXECUTE on the procedure. */
    private static final int EXECUTE_DENIED = 1370;
    /** The dump's binlog switch for the loading session, which a binlogged load leaves out. */
    private static final String SESSION_BINLOG_SWITCH = "SET @@SESSION.SQL_LOG_BIN";
    private static final SqlStatement SERVER_UUID = SqlStatement.of("SELECT @@GLOBAL.server_uuid");
    private static final SqlStatement TRUSTS_FUNCTION_CREATORS = SqlStatement.of("SELECT @@GLOBAL.log_bin_trust_function_creators");
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
    public List<String> withoutPositionOptions() {
        return List.of("--set-gtid-purged=OFF");
    }

    @Override
    public String positionQuery() {
        return "SELECT @@GLOBAL.gtid_executed";
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
    public String whyNot(SqlDialect target) {
        return "a MySQL source cannot seed a MariaDB target by dump: MariaDB cannot take MySQL's GTID set as its"
                + " position (it replicates MySQL only by binlog file and position, and stops at JSON columns)";
    }

    @Override
    public Load checkTarget(ClusterSession source, ClusterSession target, Collection<String> schemas) throws Refused, SQLException {
        String targetName = target.cluster().name();
        String own = normalised(ClusterState.executedGtid(target));
        if (!own.isEmpty()) {
            String sourceSet = normalised(ClusterState.executedGtid(source));
            if (!subset(source, own, sourceSet)) {
                String extra = normalised(text(source, source.dialect().gtidSubtract(own, sourceSet)));
                throw new Refused(targetName + " has GTIDs that its source " + source.cluster().name()
                        + " never wrote (" + extra + "; gtid_executed " + own + ", the source's " + sourceSet + "): loaded with"
                        + " them, it could not replicate in both directions", "if those transactions are not needed, run RESET"
                        + " BINARY LOGS AND GTIDS on " + targetName + " (MySQL 8.4+; RESET MASTER before; an Aurora cluster:"
                        + " a new cluster), or, if they are only an interrupted SEED's load, add them to the source's gtid_purged"
                        + " (SET GLOBAL gtid_purged='+" + extra + "' on " + source.cluster().name() + "), then SEED again;"
                        + " nothing was changed");
            }
        }
        String account = targetName + "'s account " + target.user();
        try {
            target.execute(target.dialect().sessionBinlog(false));
        } catch (SQLException e) {
            if (e.getErrorCode() != ACCESS_DENIED) {
                throw e;
            }
            return binlogged(source, target, own, account, schemas);
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
        return Load.UNLOGGED;
    }

    /** The target's account may not switch binlogging off: checks what a binlogged load needs on both servers. */
    private Load binlogged(ClusterSession source, ClusterSession target, String targetBefore, String account,
            Collection<String> schemas) throws Refused, SQLException {
        String why = account + " may not load without binlogging (SET sql_log_bin=0 needs SUPER, SYSTEM_VARIABLES_ADMIN or"
                + " SESSION_VARIABLES_ADMIN), so the load gets GTIDs of the target's own, which SEED adds to the source's"
                + " gtid_purged; ";
        try {
            target.execute(target.dialect().addPurgedGtids(""));
        } catch (StrategyNotSupportedException e) {
            throw new Refused(why + "but it cannot record the dump's GTID set: " + e.getMessage(), INSTEAD);
        } catch (SQLException e) {
            if (e.getErrorCode() != ACCESS_DENIED && e.getErrorCode() != NO_SUCH_PROCEDURE && e.getErrorCode() != EXECUTE_DENIED) {
                throw e;
            }
            throw new Refused(why + "but it cannot record the dump's GTID set: neither SET GLOBAL gtid_purged nor"
                    + " mysql.rds_gtid_purged (Aurora MySQL 3.04+) works for it (" + e.getMessage() + ")",
                    "upgrade the Aurora cluster to 3.04 or later, or " + INSTEAD);
        }
        String sourceAccount = source.cluster().name() + "'s account " + source.user();
        try {
            source.execute(source.dialect().addPurgedGtids(""));
        } catch (StrategyNotSupportedException e) {
            throw new Refused(why + "but " + sourceAccount + " cannot add them: " + e.getMessage(), INSTEAD);
        } catch (SQLException e) {
            if (e.getErrorCode() != ACCESS_DENIED && e.getErrorCode() != NO_SUCH_PROCEDURE && e.getErrorCode() != EXECUTE_DENIED) {
                throw e;
            }
            throw new Refused(why + "but " + sourceAccount + " may not SET GLOBAL gtid_purged (SYSTEM_VARIABLES_ADMIN or"
                    + " SUPER): the load's GTIDs would stay errant and a flip back would replay the whole dump on the source ("
                    + e.getMessage() + ")", "grant SYSTEM_VARIABLES_ADMIN to " + source.user() + " on "
                    + source.cluster().name() + " for the seed, or " + INSTEAD);
        }
        Number stored = source.queryNumber(storedPrograms(schemas));
        Number trusted = target.queryNumber(TRUSTS_FUNCTION_CREATORS);
        if (stored != null && stored.longValue() > 0 && (trusted == null || trusted.longValue() == 0)) {
            throw new Refused(why + "but the dump creates " + stored + " trigger(s) or stored routine(s), which MySQL refuses to an"
                    + " account without SUPER while binlogging (error 1419) unless log_bin_trust_function_creators is 1, and it is 0"
                    + " on " + target.cluster().name(), "set log_bin_trust_function_creators=1 on " + target.cluster().name()
                    + " (Aurora: in the DB cluster parameter group), then SEED again; nothing was changed");
        }
        String uuid = text(target, SERVER_UUID).toLowerCase(java.util.Locale.ROOT);
        return new Load(true, targetBefore, uuid);
    }

    @Override
    public OutputStream loaderInput(Load load, OutputStream loader) {
        return load.binlogged() ? new LineDroppingOutputStream(loader, SESSION_BINLOG_SWITCH) : loader;
    }

    @Override
    public String completeTarget(ClusterSession source, ClusterSession target, String position, Load load)
            throws Refused, SQLException {
        String loadGtids = "";
        if (load.binlogged()) {
            String created = normalised(text(target, target.dialect().gtidSubtract(
                    normalised(ClusterState.executedGtid(target)), load.targetExecutedBefore())));
            loadGtids = ofUuid(created, load.targetUuid());
            if (!loadGtids.isEmpty()) {
                // The source first: see the class comment.
                source.execute(source.dialect().addPurgedGtids(loadGtids));
            }
        }
        if (!position.isEmpty()) {
            target.execute(target.dialect().addPurgedGtids(position));
        }
        String executed = normalised(ClusterState.executedGtid(target));
        String expected = String.join(",", java.util.stream.Stream.of(position, loadGtids).filter(set -> !set.isEmpty()).toList());
        if (!subset(target, executed, expected)) {
            throw new Refused(target.cluster().name() + " wrote transactions of its own while the dump loaded: gtid_executed "
                    + executed + " is more than the dump's " + position + (load.binlogged() ? " and the load's " + loadGtids : ""),
                    "find what wrote to " + target.cluster().name() + ", remove those GTIDs (RESET BINARY LOGS AND GTIDS) and SEED again");
        }
        return loadGtids;
    }
    private static boolean subset(ClusterSession session, String subset, String superset) throws SQLException {
        Number answer = session.queryNumber(session.dialect().gtidSubset(subset, superset));
        return answer != null && answer.longValue() == 1;
    }

    /** The entries of a normalised set whose UUID is {@code uuid} (tagged ones included), as a set. */
    static String ofUuid(String normalisedSet, String uuid) {
        return String.join(",", java.util.Arrays.stream(normalisedSet.split(","))
                .filter(entry -> entry.toLowerCase(java.util.Locale.ROOT).startsWith(uuid + ":")).toList());
    }

    /** Triggers and stored routines of the schemas, which a binlogged load by an account without SUPER may not create. */
    private static SqlStatement storedPrograms(Collection<String> schemas) {
        String in = String.join(", ", Collections.nCopies(schemas.size(), "?"));
        List<Object> params = new ArrayList<>(schemas);
        params.addAll(schemas);
        return new SqlStatement("SELECT (SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN (" + in + "))"
                + " + (SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN (" + in + "))", params, List.of());
    }

    private static String text(ClusterSession session, SqlStatement statement) throws SQLException {
        return session.queryString(statement).orElse("");
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
