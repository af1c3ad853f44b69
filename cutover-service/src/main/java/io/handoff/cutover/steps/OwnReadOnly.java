package io.handoff.cutover.steps;

import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.StrategyNotSupportedException;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.PortableSql;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a server's administrative account can hold the server read-only by the server's own switch, the one
 * {@link ReplicaReadOnly} uses: {@code mysql.rds_set_read_only} where the dialect has it (Aurora MySQL 3.06+; the
 * procedure must be visible to the account), {@code SET GLOBAL read_only} elsewhere (SUPER, READ ONLY ADMIN or
 * SYSTEM_VARIABLES_ADMIN), never on an Aurora older than 3.06.
 *
 * <p>It decides whether the account-lock strategy may binlog its locks on the other server ({@link WriteFence}):
 * binlogged locks reach only a server that replicates, and handoff holds every server it makes replicate
 * read-only by this switch, so an unlock replicated there opens nothing.
 */
final class OwnReadOnly {
    private OwnReadOnly() {
    }

    /** From what PRECHECK read: the account's grants and the {@code mysql} procedures it may execute. */
    static boolean possible(SqlDialect dialect, List<String> adminGrants, Set<String> mysqlProcedures) {
        Optional<String> procedure = dialect.readOnlyProcedure();
        if (procedure.isPresent()) {
            return mysqlProcedures.contains(procedure.get());
        }
        try {
            dialect.setReadOnly(true);
        } catch (StrategyNotSupportedException e) {
            return false;
        }
        return PrecheckRules.grantsAny(PrecheckRules.globalPrivileges(adminGrants), PrecheckRules.READ_ONLY_SWITCH);
    }

    /** Reads the account's grants and visible procedures on {@code session}'s server; changes nothing. */
    static boolean possible(ClusterSession session) throws SQLException {
        List<String> grants = session.query(session.dialect().showGrants(), row -> row.getString(1));
        Set<String> procedures = new TreeSet<>(session.query(PortableSql.procedures("mysql"), row -> row.getString(1)));
        return possible(session.dialect(), grants, procedures);
    }
}
