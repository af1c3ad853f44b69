package io.handoff.cutover.steps;

import io.handoff.common.sql.SqlStatement;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
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
 * <p>The locks are per server: an unlock of the new master carried to the old one by reverse replication
 * would let the old master's applications write again (two writable masters). So every lock and unlock
 * runs with {@code sql_log_bin=0} where the administrative account may switch its binlog off. Where it
 * may not (Aurora 3's master user lacks SESSION_VARIABLES_ADMIN; MariaDB without SUPER or BINLOG ADMIN)
 * they are binlogged (fact {@code locksBinlogged}), which is safe only because of what {@link WriteFence}
 * requires before the flip changes anything and before any server replicates from this one: the server
 * that receives them is held read-only by its own switch ({@link OwnReadOnly}), so an unlock arriving
 * there opens nothing; a pair where that cannot hold is refused, terminal, having changed nothing
 * (issue 16). Statements name accounts {@code IF EXISTS}, so that a binlogged one never stops a replica
 * that lacks the account.
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
     * @param binlogged the statements were written to the binlog (the account may not switch it off)
     * @param heldReadOnly a lock found the server held read-only by its own switch, past which the account may not
     *                     write: nothing was locked, and the applications are refused already ({@code users} empty)
     */
    record Outcome(List<String> accounts, List<String> changed, Set<String> users, boolean binlogged, boolean heldReadOnly) {
    }

    private record Account(String user, String host, boolean locked) {
        String shown() {
            return "'" + user + "'@'" + host + "'";
        }
    }

    private AccountLock() {
    }

    /** Locks the application accounts of {@code session}'s server. */
    static Outcome lock(ClusterSession session, Set<String> exemptUsers) throws SQLException {
        return converge(session, exemptUsers, true);
    }

    /** Unlocks the application accounts of {@code session}'s server. */
    static Outcome unlock(ClusterSession session, Set<String> exemptUsers) throws SQLException {
        return converge(session, exemptUsers, false);
    }

    /** {@code true} when every application account of the server is locked (and there is at least one). Reads only. */
    static boolean locked(ClusterSession session, Set<String> exemptUsers) throws SQLException {
        List<Account> accounts = applicationAccounts(session, exemptUsers);
        return !accounts.isEmpty() && accounts.stream().allMatch(Account::locked);
    }

    /**
     * {@code true} when the session may switch its binlog off, so that its locks and unlocks stay on this server;
     * {@code false} when the administrative account lacks the privilege. Leaves the binlog on.
     */
    static boolean unlogged(ClusterSession session) throws SQLException {
        boolean off = binlogOff(session);
        if (off) {
            session.execute(session.dialect().sessionBinlog(true));
        }
        return off;
    }

    private static Outcome converge(ClusterSession session, Set<String> exemptUsers, boolean lock) throws SQLException {
        boolean binlogged = !binlogOff(session);
        try {
            List<Account> accounts = applicationAccounts(session, exemptUsers);
            List<Account> toChange = accounts.stream().filter(account -> account.locked() != lock).toList();
            for (Account account : toChange) {
                try {
                    session.execute(lock ? session.dialect().lockAccount(account.user(), account.host())
                            : session.dialect().unlockAccount(account.user(), account.host()));
                } catch (SQLException e) {
                    if (lock && SqlFailures.refusedByReadOnly(e) && account == toChange.get(0) && ClusterState.readOnly(session)) {
                        // A replica held read-only by its own switch, whose account may not write past it (Aurora's master
                        // user has no CONNECTION_ADMIN): the applications are refused already; nothing was locked.
                        return new Outcome(accounts.stream().filter(Account::locked).map(Account::shown).toList(), List.of(),
                                Set.of(), false, true);
                    }
                    throw e;
                }
            }
            return new Outcome(accounts.stream().map(Account::shown).toList(), toChange.stream().map(Account::shown).toList(),
                    new TreeSet<>(accounts.stream().map(Account::user).toList()), binlogged && !toChange.isEmpty(), false);
        } finally {
            if (!binlogged) {
                session.execute(session.dialect().sessionBinlog(true));
            }
        }
    }

    /** Switches this session's binlog off; {@code false} (nothing changed) when the account may not. */
    private static boolean binlogOff(ClusterSession session) throws SQLException {
        SqlStatement off = session.dialect().sessionBinlog(false);
        try {
            session.execute(off);
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == ACCESS_DENIED) {
                return false;
            }
            throw e;
        }
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
