package io.handoff.demo;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.StackRds;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one server of the local stack says about who may write to it, read from the server and the RDS
 * emulator (never from a plan): its read-only switches, the lock state of the stack's application accounts
 * and whether its cluster's application endpoint admits applications (security-group membership).
 *
 * @param host                   the server's address
 * @param readOnly               {@code @@global.read_only}
 * @param superReadOnly          {@code @@global.super_read_only} (MySQL); null on MariaDB, which has none
 * @param accountsLocked         per application account ({@code app}, the workload's, and {@code auth}, the
 *                               exempt one): whether {@code ACCOUNT LOCK} is in force, from {@code mysql.user}
 *                               (MySQL) or {@code mysql.global_priv} (MariaDB)
 * @param securityGroups         the cluster's security groups in effect (the emulator's {@code active} memberships)
 * @param endpointAdmits         whether the cluster's application endpoint admits a new application connection now
 * @param writableToApplications whether an application (account {@code app}) could write here now: not read-only,
 *                               its account not locked and its endpoint admitting it
 */
public record ServerState(String host, boolean readOnly, Boolean superReadOnly, Map<String, Boolean> accountsLocked,
        List<String> securityGroups, boolean endpointAdmits, boolean writableToApplications) {

    /** The RDS emulator's cluster fronting {@code server}. */
    static String clusterId(LocalStack stack, DatabaseServer server) {
        return server == stack.source() ? StackRds.SOURCE_CLUSTER_ID : StackRds.TARGET_CLUSTER_ID;
    }

    /** Reads {@code server}'s state now, as the stack's admin account. */
    static ServerState read(LocalStack stack, DatabaseServer server) throws SQLException {
        boolean readOnly;
        Boolean superReadOnly = null;
        Map<String, Boolean> locked = new LinkedHashMap<>();
        try (Connection connection = server.connect(stack.accounts().admin()); Statement sql = connection.createStatement()) {
            try (ResultSet row = sql.executeQuery("SELECT @@global.read_only")) {
                row.next();
                readOnly = row.getInt(1) != 0;
            }
            if (server.flavor().isMySql()) {
                try (ResultSet row = sql.executeQuery("SELECT @@global.super_read_only")) {
                    row.next();
                    superReadOnly = row.getInt(1) != 0;
                }
            }
            String lockQuery = server.flavor().isMySql()
                    ? "SELECT account_locked = 'Y' FROM mysql.user WHERE User = ? AND Host = '%'"
                    : "SELECT IFNULL(JSON_VALUE(Priv, '$.account_locked'), '0') IN ('1', 'true') FROM mysql.global_priv"
                            + " WHERE User = ? AND Host = '%'";
            for (String user : List.of(stack.accounts().app().user(), stack.accounts().auth().user())) {
                try (PreparedStatement query = connection.prepareStatement(lockQuery)) {
                    query.setString(1, user);
                    try (ResultSet row = query.executeQuery()) {
                        if (!row.next()) {
                            throw new SQLException("no account '" + user + "'@'%' on " + server.host());
                        }
                        locked.put(user, row.getBoolean(1));
                    }
                }
            }
        }
        String cluster = clusterId(stack, server);
        List<String> groups = new ArrayList<>(stack.rds().cluster(cluster).activeGroupIds());
        boolean admits = stack.rds().admitsApplications(cluster);
        boolean writable = !readOnly && !locked.get(stack.accounts().app().user()) && admits;
        return new ServerState(server.host(), readOnly, superReadOnly, locked, groups, admits, writable);
    }

    /** Both servers' states, source first. */
    static Map<String, ServerState> readBoth(LocalStack stack) throws SQLException {
        Map<String, ServerState> states = new LinkedHashMap<>();
        for (DatabaseServer server : List.of(stack.source(), stack.target())) {
            states.put(server.host(), read(stack, server));
        }
        return states;
    }

    /** The hosts writable to applications, in the order of {@code states}. */
    static List<String> writable(Map<String, ServerState> states) {
        return states.values().stream().filter(ServerState::writableToApplications).map(ServerState::host).toList();
    }

    /** The one host writable to applications, or null when none or more than one is. */
    static String onlyWritable(Map<String, ServerState> states) {
        List<String> writable = writable(states);
        return writable.size() == 1 ? writable.get(0) : null;
    }
}
