package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.sql.SqlStatement;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.kit.steps.StepFailedException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The account-lock read-only strategy, for servers whose administrative account may not set
 * {@code read_only} (Aurora, RDS): every application account is locked with
 * {@code ALTER USER ... ACCOUNT LOCK}, so that it cannot log in; its open sessions are then killed
 * by the caller with the kill strategy. Unlocking undoes it.
 *
 * <p>Application accounts: every account that can log in (roles left out), except the exempt users,
 * the cluster's administrative and replication accounts, and the server's own accounts
 * ({@link #SYSTEM_USERS}). Unlocking unlocks exactly that set, so an application account that was
 * locked before the flip is unlocked by it too: exempt such an account in the plan.
 *
 * <p>Converging: only accounts not yet in the wanted state are altered; a repeat alters nothing.
 *
 * <p>The locks are per server and must never replicate: an unlock of the new master carried to the old
 * one by reverse replication would let the old master's applications write again (two writable
 * masters), and a lock carried the other way would fence the wrong server. So every lock and unlock runs
 * with {@code sql_log_bin=0}, and before anything is read or changed the session switches its binlog off
 * ({@link #requireUnloggedSession}): where the administrative account may not (Aurora 3's master user
 * lacks SESSION_VARIABLES_ADMIN; MariaDB without SUPER or BINLOG ADMIN) the step is refused, terminal,
 * having changed nothing (issue 16). This holds for every step that locks or unlocks (READ_ONLY,
 * WRITABLE, ROLLBACK, DECOMMISSION), so flip-only plans and flip backs are protected, not only plans
 * whose PRECHECK saw the missing privilege.
 */
final class AccountLock {
    /** Accounts of the server itself (MariaDB, MySQL, RDS/Aurora): never application accounts. */
    static final Set<String> SYSTEM_USERS = Set.of("root", "mariadb.sys", "mysql.sys", "mysql.session", "mysql.infoschema",
            "rdsadmin", "rdsrepladmin", "rdsproxyadmin", "rds_superuser_role", "PUBLIC");
    /** ER_SPECIFIC_ACCESS_DENIED_ERROR: the account may not set sql_log_bin. */
    private static final int ACCESS_DENIED = 1227;

    /**
     * @param accounts  every application account of the server, {@code 'user'@'host'}, now in the wanted state
     * @param changed   those this call altered (empty on a repeat)
     * @param users     the user names of {@code accounts}
     * @param binlogged the statements were written to the binlog: always {@code false}, since a session that
     *                  cannot switch its binlog off is refused (kept as the {@code locksBinlogged} fact)
     */
    record Outcome(List<String> accounts, List<String> changed, Set<String> users, boolean binlogged) {
    }

    private record Account(String user, String host, boolean locked) {
        String shown() {
            return "'" + user + "'@'" + host + "'";
        }
    }

    private AccountLock() {
    }

    /** Locks the application accounts of {@code session}'s server; refused when the locks would be binlogged. */
    static Outcome lock(ClusterSession session, Set<String> exemptUsers) throws SQLException, StepFailedException {
        return converge(session, exemptUsers, true);
    }

    /** Unlocks the application accounts of {@code session}'s server; refused when the unlocks would be binlogged. */
    static Outcome unlock(ClusterSession session, Set<String> exemptUsers) throws SQLException, StepFailedException {
        return converge(session, exemptUsers, false);
    }

    /** {@code true} when every application account of the server is locked (and there is at least one). Reads only. */
    static boolean locked(ClusterSession session, Set<String> exemptUsers) throws SQLException {
        List<Account> accounts = applicationAccounts(session, exemptUsers);
        return !accounts.isEmpty() && accounts.stream().allMatch(Account::locked);
    }

    /**
     * Checks that the session may switch its binlog off, and leaves it on again: the guard every locking or
     * unlocking step runs before it changes anything. Refused (terminal, nothing changed) when the administrative
     * account lacks the privilege, naming it and the strategies that work without it.
     */
    static void requireUnloggedSession(ClusterSession session) throws SQLException, StepFailedException {
        binlogOff(session);
        session.execute(session.dialect().sessionBinlog(true));
    }

    private static Outcome converge(ClusterSession session, Set<String> exemptUsers, boolean lock)
            throws SQLException, StepFailedException {
        // First, before anything is read or changed: a lock or unlock that would be binlogged is never run.
        binlogOff(session);
        try {
            List<Account> accounts = applicationAccounts(session, exemptUsers);
            List<Account> toChange = accounts.stream().filter(account -> account.locked() != lock).toList();
            for (Account account : toChange) {
                session.execute(lock ? session.dialect().lockAccount(account.user(), account.host())
                        : session.dialect().unlockAccount(account.user(), account.host()));
            }
            return new Outcome(accounts.stream().map(Account::shown).toList(), toChange.stream().map(Account::shown).toList(),
                    new TreeSet<>(accounts.stream().map(Account::user).toList()), false);
        } finally {
            session.execute(session.dialect().sessionBinlog(true));
        }
    }

    /** Switches this session's binlog off; refused (terminal) when the account may not. */
    private static void binlogOff(ClusterSession session) throws SQLException, StepFailedException {
        SqlStatement off = session.dialect().sessionBinlog(false);
        try {
            session.execute(off);
        } catch (SQLException e) {
            if (e.getErrorCode() == ACCESS_DENIED) {
                throw cannotSwitchBinlogOff(session.cluster(), e);
            }
            throw e;
        }
    }

    private static StepFailedException cannotSwitchBinlogOff(ClusterSpec cluster, SQLException e) {
        String privilege = "SUPER or BINLOG ADMIN (MariaDB), SYSTEM_VARIABLES_ADMIN or SESSION_VARIABLES_ADMIN (MySQL 8;"
                + " Aurora's master user has neither)";
        return StepFailedException.terminal("read-only strategy 'account-lock' refused on " + cluster.name() + ": the"
                + " administrative account " + cluster.user() + " may not switch its binlog off (SET SESSION sql_log_bin=0: ["
                + e.getErrorCode() + "] " + e.getMessage() + "); it lacks " + privilege + ". Locks and unlocks written to the"
                + " binlog would replicate (an unlock reaching the old master through reverse replication unlocks it: two"
                + " writable masters), so none is run", "nothing was changed on " + cluster.name() + ": grant " + privilege
                + " to " + cluster.user() + ", or use read-only strategy 'global' (where the account may set read_only) or"
                + " 'security-group-swap'");
    }

    private static List<Account> applicationAccounts(ClusterSession session, Set<String> exemptUsers) throws SQLException {
        String admin = session.cluster().user();
        String replication = session.cluster().replication().user();
        List<Account> accounts = new ArrayList<>();
        for (Account account : session.query(session.dialect().loginAccounts(),
                row -> new Account(row.getString("user"), row.getString("host"), row.getBoolean("locked")))) {
            String user = account.user();
            if (!user.isEmpty() && !exemptUsers.contains(user) && !user.equals(admin) && !user.equals(replication)
                    && !SYSTEM_USERS.contains(user)) {
                accounts.add(account);
            }
        }
        return accounts;
    }
}
