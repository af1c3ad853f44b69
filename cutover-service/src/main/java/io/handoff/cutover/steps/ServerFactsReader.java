package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Credentials;
import io.handoff.common.cluster.JdbcLogin;
import io.handoff.common.sql.GtidSets;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.PortableSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/** Reads the {@link ServerFacts} of one server for PRECHECK; reads only, changes nothing. */
final class ServerFactsReader {
    private static final Logger LOG = Logger.getLogger(ServerFactsReader.class);
    static final List<String> VARIABLES = List.of("log_bin", "binlog_format", "server_id", "gtid_strict_mode", "gtid_mode",
            "enforce_gtid_consistency", "log_slave_updates", "log_replica_updates", "local_infile", "event_scheduler");

    private ServerFactsReader() {
    }

    /**
     * @param withSchema also read the application tables and the definers (the source's)
     * @param schemas    the schemas to read them from; all application schemas when empty
     */
    static ServerFacts read(ClusterSession session, boolean withSchema, Set<String> schemas, Duration connectTimeout)
            throws SQLException {
        ClusterSpec cluster = session.cluster();
        Map<String, String> variables = new TreeMap<>();
        session.query(session.dialect().globalVariables(VARIABLES), row -> variables.put(
                row.getString(1).toLowerCase(Locale.ROOT), row.getString(2)));
        Optional<Long> retention = session.queryFirst(session.dialect().binlogRetentionSeconds(), row -> {
            long value = row.getLong(1);
            return row.wasNull() ? Optional.<Long>empty() : Optional.of(value);
        }).flatMap(value -> value);
        List<String> adminGrants = session.query(session.dialect().showGrants(), row -> row.getString(1));
        List<String> replicationGrants = List.of();
        Optional<String> replicationError = Optional.empty();
        try {
            replicationGrants = grantsOf(cluster, cluster.replication(), connectTimeout);
        } catch (SQLException e) {
            replicationError = Optional.of("[" + e.getSQLState() + "/" + e.getErrorCode() + "] " + e.getMessage());
        }
        String gtidState = GtidSets.normalize(session.queryString(session.dialect().binlogGtidState()).orElse(""));
        Set<String> accounts = new TreeSet<>(session.query(session.dialect().listAccounts(),
                row -> row.getString("user") + "@" + row.getString("host")));
        List<ServerFacts.Table> tables = List.of();
        List<ServerFacts.StoredObject> definers = List.of();
        if (withSchema) {
            tables = session.query(PortableSql.baseTables(schemas), row -> new ServerFacts.Table(row.getString("table_schema"),
                    row.getString("table_name"), row.getString("engine"), row.getInt("has_primary_key") == 1,
                    row.getString("json_columns") == null ? List.of() : List.of(row.getString("json_columns").split(","))));
            definers = session.query(PortableSql.definers(schemas), row -> new ServerFacts.StoredObject(row.getString("kind"),
                    row.getString("object_schema"), row.getString("object_name"), row.getString("definer"), row.getString("status")));
        }
        Set<String> procedures = new TreeSet<>(session.query(PortableSql.procedures("mysql"), row -> row.getString(1)));
        return new ServerFacts(cluster.name(), cluster.flavor(), session.queryString(session.dialect().serverVersion()).orElse("0.0"),
                variables, retention, adminGrants, replicationGrants, replicationError, gtidState, accounts, tables, definers,
                procedures, systemUsers(session));
    }

    /**
     * MySQL's holders of SYSTEM_USER, as {@code user@host}; none on MariaDB (no such privilege), nor where the
     * administrative account may not read {@code mysql.global_grants} (then the rules that need them find nothing).
     */
    private static Set<String> systemUsers(ClusterSession session) {
        if (session.dialect().domainGtids()) {
            return Set.of();
        }
        try {
            return new TreeSet<>(session.query(PortableSql.systemUsers(), row -> row.getString(1) + "@" + row.getString(2)));
        } catch (SQLException e) {
            LOG.warnf("%s: the holders of SYSTEM_USER are unknown (%s); PRECHECK's event definer check skips this server",
                    session.cluster().name(), e.getMessage());
            return Set.of();
        }
    }

    /** MySQL flavors: the target's GTIDs the source does not have, empty when none. */
    static String mysqlErrant(ServerFacts targetFacts, ClusterSession target, String targetSet, String sourceSet)
            throws SQLException {
        if (PrecheckRules.mariaDbServer(targetFacts) || targetSet.isBlank()) {
            return "";
        }
        return ErrantTransactions.subtract(target, targetSet, sourceSet);
    }

    /**
     * Logs in as the replication account, as a replica would, and reads its grants. The driver's
     * message for a refused login names the account, never its password.
     */
    private static List<String> grantsOf(ClusterSpec cluster, Credentials account, Duration connectTimeout) throws SQLException {
        try (Connection connection = JdbcLogin.as(cluster, account, connectTimeout, null);
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SHOW GRANTS")) {
            List<String> grants = new ArrayList<>();
            while (rows.next()) {
                grants.add(rows.getString(1));
            }
            return grants;
        } catch (SQLException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (!account.password().empty()) {
                message = message.replace(account.password().reveal(), "****");
            }
            throw new SQLException("account " + account.user() + " at " + cluster.host() + ":" + cluster.port() + ": " + message,
                    e.getSQLState(), e.getErrorCode());
        }
    }
}
