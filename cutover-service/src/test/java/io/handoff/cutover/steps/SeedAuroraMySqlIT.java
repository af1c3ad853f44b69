package io.handoff.cutover.steps;

import static io.handoff.cutover.support.StepEventAssertions.fact;
import static io.handoff.cutover.support.StepEventAssertions.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.cutover.support.Servers;
import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import io.handoff.cutover.support.ClientProgramsTestResource;
import io.handoff.cutover.support.Plan;
import io.handoff.localstack.ClusterRegistration;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.db.StackFlavor;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.localstack.testing.StepCommandBus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * SEED by dump from a real Oracle MySQL source into an Aurora-like MySQL target administered by its master
 * user (no SUPER, SYSTEM_VARIABLES_ADMIN, SESSION_VARIABLES_ADMIN: the load is binlogged), run by the failsafe
 * execution {@code aurora-mysql-stack}. Proves that the load's own GTIDs, once added to the source's
 * {@code gtid_purged}, are skipped by replication in both directions: forward from the seed's position, and
 * reverse (source from target, as a flip back) without replaying the load. Each test starts from two
 * stand-alone servers without GTID history and leaves them so.
 */
@Tag("issue-15")
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(ClientProgramsTestResource.class)
@QuarkusTestResource(value = SeedAuroraMySqlIT.ExtraClusters.class, restrictToAnnotatedClass = true)
@EnabledIfSystemProperty(named = "handoff.stack.target-flavor", matches = "aurora-mysql")
class SeedAuroraMySqlIT {
    private static final String A = "source";
    private static final String B = "target";
    /** The source server with an administrative account that may not SET GLOBAL gtid_purged. */
    private static final String A_WITHOUT_SYSTEM_VARIABLES_ADMIN = "source-without-system-variables-admin";
    private static final String LIMITED_SOURCE_USER = "seed_no_sysvar";
    private static final String LIMITED_SOURCE_PASSWORD = "Seed-no-sysvar-1";
    /** The source server registered as MariaDB: a pair MySQL cannot replicate. */
    private static final String A_AS_MARIADB = "source-as-mariadb";
    private static final String AURORA_SCRIPT = "/io/handoff/localstack/mysql/aurora-mysql3.sql";
    private static final List<String> TABLES = List.of("docs", "doc_events", "no_key");

    private final LocalStack stack = SharedLocalStack.get();
    private final Servers servers = new Servers(stack);
    private final Plan plan = new Plan();
    private final String schema = "seed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private StepCommandBus bus;

    /** Registers the extra clusters on the stack's servers. */
    public static final class ExtraClusters implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            LocalStack stack = SharedLocalStack.get();
            if (stack.target().flavor() != StackFlavor.AURORA_MYSQL) {
                return Map.of();
            }
            // Per server, never replicated.
            stack.source().runAsRoot("SET sql_log_bin=0;\nDROP USER IF EXISTS '" + LIMITED_SOURCE_USER + "'@'%';\n"
                    + "CREATE USER '" + LIMITED_SOURCE_USER + "'@'%' IDENTIFIED BY '" + LIMITED_SOURCE_PASSWORD + "';\n"
                    + "GRANT ALL PRIVILEGES ON *.* TO '" + LIMITED_SOURCE_USER + "'@'%';\n"
                    + "REVOKE SUPER, SYSTEM_VARIABLES_ADMIN ON *.* FROM '" + LIMITED_SOURCE_USER + "'@'%';\nSET sql_log_bin=1;\n");
            Map<String, String> properties = new LinkedHashMap<>();
            properties.putAll(ClusterRegistration.of(A_WITHOUT_SYSTEM_VARIABLES_ADMIN, stack.source(), "mysql8",
                    new DbAccount(LIMITED_SOURCE_USER, LIMITED_SOURCE_PASSWORD), stack));
            properties.putAll(ClusterRegistration.of(A_AS_MARIADB, stack.source(), "mariadb", stack.accounts().admin(),
                    stack));
            return properties;
        }


        @Override
        public void stop() {
            // nothing to stop
        }
    }

    @BeforeEach
    void standAloneServers() throws SQLException {
        assertThat(stack.source().flavor()).isEqualTo(StackFlavor.MYSQL);
        assertThat(stack.target().flavor()).isEqualTo(StackFlavor.AURORA_MYSQL);
        standalone();
        bus = new StepCommandBus(stack.kafka().bootstrapServers());
    }

    @AfterEach
    void standAloneAgain() throws SQLException {
        bus.close();
        standalone();
        for (DatabaseServer server : List.of(stack.source(), stack.target())) {
            admin(server, "DROP DATABASE IF EXISTS " + schema);
        }
        standalone();
    }

    @ParameterizedTest(name = "SEED by {0}")
    @ValueSource(strings = {"mysqldump", "parallel"})
    void auroraSeedReconcilesTheLoadsGtidsSoThatReplicationSkipsThemInBothDirections(String method) throws Exception {
        Map<String, String> clusters = stack.coordinates().toProperties();
        assertThat(clusters.get("handoff.clusters.target.flavor")).isEqualTo("aurora-mysql");
        assertThat(clusters.get("handoff.clusters.target.user")).as("the target is administered by Aurora's master user")
                .isEqualTo(stack.accounts().master().user());
        createSchema(stack.source());
        admin(stack.source(), "SET gtid_next='3e11fa47-71ca-11e1-9e33-c80aa9429562:7'", "BEGIN", "COMMIT", "SET gtid_next=AUTOMATIC");
        String sourceSetAtDump = servers.value(stack.source(), "SELECT @@GLOBAL.gtid_executed");
        String targetUuid = servers.value(stack.target(), "SELECT @@GLOBAL.server_uuid");

        StepCommand seedCommand = plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.SEED_METHOD, method, StepParams.SCHEMAS, List.of(schema)));
        StepEvent seed = succeeded(bus.run(seedCommand));

        String position = (String) fact(seed, StepParams.FACT_POSITION);
        String loadGtids = (String) fact(seed, StepParams.FACT_TARGET_LOAD_GTIDS);
        assertThat(position).isEqualTo(sourceSetAtDump.replaceAll("\\s+", ""));
        assertThat(loadGtids).as("the load was binlogged with the target's own GTIDs, and only those")
                .startsWith(targetUuid + ":").doesNotContain(",").doesNotContain("\n");
        assertThat(((Number) fact(seed, StepParams.FACT_ROWS)).longValue()).isEqualTo(3 + 3 + 2);
        assertThat(rows(stack.target())).isEqualTo(rows(stack.source()));
        assertThat(servers.column(stack.target(), "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA='"
                + schema + "'")).containsExactly("docs_logged");
        assertThat(servers.column(stack.target(), "SELECT STATUS FROM information_schema.EVENTS WHERE EVENT_SCHEMA='" + schema + "'"))
                .as("the source's enabled event does not run on the replica").containsExactly("REPLICA_SIDE_DISABLED");
        assertThat(gtidSetsEqual(servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed"), position + "," + loadGtids))
                .as("the target holds the dump's set (in gtid_purged) and the load's own GTIDs").isTrue();
        assertThat(subset(position, servers.value(stack.target(), "SELECT @@GLOBAL.gtid_purged"))).isTrue();
        assertThat(subset(loadGtids, servers.value(stack.source(), "SELECT @@GLOBAL.gtid_purged")))
                .as("the source counts the load's GTIDs as done").isTrue();
        assertThat(gtidSetsEqual(servers.value(stack.source(), "SELECT @@GLOBAL.gtid_executed"),
                servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed"))).as("both servers agree on history").isTrue();

        // Forward: the target replicates from the seed's position (auto-positioned) and gets the later writes.
        succeeded(bus.run(plan.command(StepType.START_REPLICATION, Map.of(StepParams.CLUSTER, B,
                StepParams.SOURCE_CLUSTER, A, StepParams.POSITION, position))));
        String targetAtStart = servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed");
        writeMore(stack.source());
        String sourceFinal = servers.value(stack.source(), "SELECT @@GLOBAL.gtid_executed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(gtidSetsEqual(servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed"), sourceFinal)).isTrue());
        assertThat(servers.value(stack.target(), "SELECT SERVICE_STATE FROM performance_schema.replication_applier_status")).isEqualTo("ON");
        assertThat(servers.value(stack.target(), "SELECT LAST_ERROR_NUMBER FROM performance_schema.replication_applier_status_by_worker"
                + " ORDER BY LAST_ERROR_NUMBER DESC LIMIT 1")).isEqualTo("0");
        assertThat(rows(stack.target())).isEqualTo(rows(stack.source()));
        assertThat(servers.value(stack.target(), "SELECT GTID_SUBTRACT(@@GLOBAL.gtid_executed, '" + targetAtStart + "')"))
                .as("what the target gained since START_REPLICATION is only the source's later writes")
                .doesNotContain(targetUuid);

        // Reverse, as a flip back: the target stops replicating, the source replicates from it (auto-positioned).
        asMaster(stack.target(), "CALL mysql.rds_stop_replication", "CALL mysql.rds_reset_external_source");
        List<String> change = SqlDialect.of(ServerFlavor.MYSQL_8).changeSource(stack.target().host(), stack.target().port(),
                stack.accounts().repl().user(), Secret.of(stack.accounts().repl().password()), "auto").stream()
                .map(SqlStatement::sql).toList();
        admin(stack.source(), change.toArray(String[]::new));
        admin(stack.source(), "START REPLICA");
        // Writable again, as WRITABLE would make it, and written by the application.
        asMaster(stack.target(), "CALL mysql.rds_set_read_only(0)");
        try (Connection app = stack.target().connect(stack.accounts().app()); Statement sql = app.createStatement()) {
            sql.executeUpdate("INSERT INTO " + schema + ".docs VALUES (10, 'written on the target', NULL, NULL, NULL)");
            sql.executeUpdate("UPDATE " + schema + ".docs SET note = 'after the flip' WHERE id = 4");
        }
        String targetFinal = servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(gtidSetsEqual(servers.value(stack.source(), "SELECT @@GLOBAL.gtid_executed"), targetFinal)).isTrue());
        assertThat(servers.value(stack.source(), "SELECT SERVICE_STATE FROM performance_schema.replication_connection_status"))
                .isEqualTo("ON");
        assertThat(servers.value(stack.source(), "SELECT SERVICE_STATE FROM performance_schema.replication_applier_status"))
                .isEqualTo("ON");
        assertThat(servers.value(stack.source(), "SELECT LAST_ERROR_NUMBER FROM performance_schema.replication_applier_status_by_worker"
                + " ORDER BY LAST_ERROR_NUMBER DESC LIMIT 1")).as("no duplicate key: the load was not replayed").isEqualTo("0");
        assertThat(servers.value(stack.source(), "SELECT COUNT_TRANSACTIONS_RETRIES FROM performance_schema.replication_applier_status"))
                .isEqualTo("0");
        assertThat(rows(stack.source())).as("the source kept its writes after the dump (a replayed load would drop them)")
                .isEqualTo(rows(stack.target()));
        assertThat(servers.column(stack.source(), "SELECT id FROM " + schema + ".docs ORDER BY id")).containsExactly("1", "2", "4", "5", "10");
    }

    @Test
    void sourceAccountThatMayNotSetGtidPurgedIsRefusedBeforeAnythingChanges() throws Exception {
        createSchema(stack.source());
        String targetBefore = servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed");
        String sourcePurgedBefore = servers.value(stack.source(), "SELECT @@GLOBAL.gtid_purged");

        StepEvent refused = bus.run(plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER,
                A_WITHOUT_SYSTEM_VARIABLES_ADMIN, StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of(schema))));

        assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(refused.failure().retryable()).isFalse();
        assertThat(refused.failure().reason()).contains("SEED refused")
                .contains(A_WITHOUT_SYSTEM_VARIABLES_ADMIN + "'s account " + LIMITED_SOURCE_USER)
                .contains("may not SET GLOBAL gtid_purged").contains("flip back would replay");
        assertThat(refused.failure().recoverableState()).contains("nothing was changed");
        assertThat(servers.column(stack.target(), "SHOW DATABASES LIKE '" + schema + "'")).isEmpty();
        assertThat(servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed")).isEqualTo(targetBefore);
        assertThat(servers.value(stack.source(), "SELECT @@GLOBAL.gtid_purged")).isEqualTo(sourcePurgedBefore);
    }

    @Test
    void auroraTargetWithoutRdsGtidPurgedIsRefusedBeforeAnythingChanges() throws Exception {
        createSchema(stack.source());
        String targetBefore = servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed");
        // As Aurora MySQL 3.01 to 3.03: no mysql.rds_gtid_purged.
        stack.target().runAsRoot("SET sql_log_bin=0;\nDROP PROCEDURE mysql.rds_gtid_purged;\nSET sql_log_bin=1;\n");
        StepEvent refused;
        try {
            refused = bus.run(plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                    StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of(schema))));
        } finally {
            stack.target().runAsRoot(auroraScript());
        }

        assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(refused.failure().retryable()).isFalse();
        assertThat(refused.failure().reason()).contains("SEED refused").contains("mysql.rds_gtid_purged")
                .contains("3.04").contains("sql_log_bin");
        assertThat(refused.failure().recoverableState()).contains("nothing was changed");
        assertThat(servers.column(stack.target(), "SHOW DATABASES LIKE '" + schema + "'")).isEmpty();
        assertThat(servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed")).isEqualTo(targetBefore);
    }

    @Test
    void triggersIntoAnAuroraTargetThatDoesNotTrustFunctionCreatorsAreRefusedBeforeAnythingChanges() throws Exception {
        createSchema(stack.source());
        String targetBefore = servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed");
        // The default parameter group's value; the stack's Aurora-like target has 1, as a migration's cluster needs.
        stack.target().runAsRoot("SET GLOBAL log_bin_trust_function_creators = OFF;\n");
        StepEvent refused;
        try {
            refused = bus.run(plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                    StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of(schema))));
        } finally {
            stack.target().runAsRoot("SET GLOBAL log_bin_trust_function_creators = ON;\n");
        }

        assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(refused.failure().retryable()).isFalse();
        assertThat(refused.failure().reason()).contains("SEED refused").contains("1 trigger(s) or stored routine(s)")
                .contains("log_bin_trust_function_creators");
        assertThat(refused.failure().recoverableState()).contains("parameter group").contains("nothing was changed");
        assertThat(servers.column(stack.target(), "SHOW DATABASES LIKE '" + schema + "'")).isEmpty();
        assertThat(servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed")).isEqualTo(targetBefore);
    }

    @Test
    void auroraTargetWithGtidsItsSourceNeverWroteIsRefusedNamingThem() throws Exception {
        createSchema(stack.source());
        asMaster(stack.target(), "CREATE DATABASE " + schema);
        String errant = servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed").replaceAll("\\s+", "");
        String sourcePurgedBefore = servers.value(stack.source(), "SELECT @@GLOBAL.gtid_purged");

        StepEvent refused = bus.run(plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of(schema))));

        assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(refused.failure().retryable()).isFalse();
        assertThat(refused.failure().reason()).contains("never wrote").contains(errant);
        assertThat(servers.column(stack.target(), "SHOW TABLES FROM " + schema)).as("nothing loaded").isEmpty();
        assertThat(servers.value(stack.source(), "SELECT @@GLOBAL.gtid_purged")).isEqualTo(sourcePurgedBefore);
    }

    @Test
    void mariaDbSourceToAuroraTargetIsRefusedBeforeAnythingChanges() throws Exception {
        String before = servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed");

        StepEvent refused = bus.run(plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER,
                A_AS_MARIADB, StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of(schema))));

        assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(refused.failure().retryable()).isFalse();
        assertThat(refused.failure().reason()).contains("MySQL does not replicate from MariaDB");
        assertThat(refused.failure().recoverableState()).contains("nothing was changed");
        assertThat(servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed")).isEqualTo(before);
    }

    private static String auroraScript() {
        try (InputStream in = SeedAuroraMySqlIT.class.getResourceAsStream(AURORA_SCRIPT)) {
            assertThat(in).as(AURORA_SCRIPT).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void createSchema(DatabaseServer server) throws SQLException {
        admin(server, "CREATE DATABASE " + schema + " DEFAULT CHARACTER SET utf8mb4",
                "CREATE TABLE " + schema + ".docs (id INT PRIMARY KEY, title VARCHAR(80) NOT NULL, body JSON, data BLOB,"
                        + " note TEXT) DEFAULT CHARSET utf8mb4",
                "CREATE TABLE " + schema + ".doc_events (id BIGINT AUTO_INCREMENT PRIMARY KEY, doc_id INT NOT NULL, what VARCHAR(20))",
                "CREATE TABLE " + schema + ".no_key (at DATETIME(6) NOT NULL, what VARCHAR(80))",
                // Defined by an account without SYSTEM_USER: the master user may not create objects for one that has it.
                "CREATE DEFINER='" + stack.accounts().master().user() + "'@'%' TRIGGER " + schema + ".docs_logged AFTER INSERT ON "
                        + schema + ".docs FOR EACH ROW"
                        + " INSERT INTO " + schema + ".doc_events (doc_id, what) VALUES (NEW.id, 'created')",
                "CREATE DEFINER='" + stack.accounts().master().user() + "'@'%' EVENT " + schema + ".purge ON SCHEDULE EVERY 1 HOUR"
                        + " STARTS '2036-01-01 00:00:00' ENABLE DO DELETE FROM " + schema + ".doc_events WHERE id < 0",
                "INSERT INTO " + schema + ".docs VALUES (1, 'plain', '{\"a\": 1, \"b\": [1, 2]}', x'00ff10', 'ascii'),"
                        + " (2, 'Zürich 東京 😀', '{\"emoji\": \"😀\", \"n\": null}', x'', 'é ü ß 𝄞'),"
                        + " (3, 'nulls', NULL, NULL, NULL)",
                "INSERT INTO " + schema + ".no_key VALUES ('2026-11-24 10:00:00.000001', 'a'), ('2026-11-24 10:00:01', NULL)");
    }

    private void writeMore(DatabaseServer server) throws SQLException {
        admin(server, "INSERT INTO " + schema + ".docs VALUES (4, 'later 🚀', JSON_OBJECT('k', 'v'), x'deadbeef', NULL)",
                "INSERT INTO " + schema + ".docs VALUES (5, 'later too', JSON_ARRAY(1, 2), NULL, 'x')",
                "UPDATE " + schema + ".docs SET body = JSON_SET(body, '$.a', 2) WHERE id = 1",
                "DELETE FROM " + schema + ".docs WHERE id = 3",
                "INSERT INTO " + schema + ".no_key VALUES (NOW(6), 'after the seed')");
    }

    /** Every row of every table, each column as text (BLOBs in hex), in primary-key or full-row order. */
    private Map<String, List<String>> rows(DatabaseServer server) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection connection = server.connect(stack.accounts().admin()); Statement sql = connection.createStatement()) {
            for (String table : TABLES) {
                String select = table.equals("docs")
                        ? "SELECT id, title, CAST(body AS CHAR), HEX(data), note FROM " + schema + ".docs ORDER BY id"
                        : "SELECT * FROM " + schema + "." + table + " ORDER BY 1, 2";
                List<String> rows = new ArrayList<>();
                try (ResultSet result = sql.executeQuery(select)) {
                    ResultSetMetaData meta = result.getMetaData();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int column = 1; column <= meta.getColumnCount(); column++) {
                            row.append(column == 1 ? "" : " | ").append(result.getString(column));
                        }
                        rows.add(row.toString());
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }

    private boolean gtidSetsEqual(String left, String right) throws SQLException {
        return subset(left, right) && subset(right, left);
    }

    private boolean subset(String subset, String superset) throws SQLException {
        try (Connection connection = stack.source().connect(stack.accounts().admin());
                var query = connection.prepareStatement("SELECT GTID_SUBSET(?, ?)")) {
            query.setString(1, subset);
            query.setString(2, superset);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1) == 1;
            }
        }
    }

    /** Two stand-alone writable servers, no replication, no GTID history. */
    private void standalone() throws SQLException {
        for (DatabaseServer server : List.of(stack.source(), stack.target())) {
            admin(server, "STOP REPLICA", "RESET REPLICA ALL", "RESET BINARY LOGS AND GTIDS", "SET GLOBAL read_only=OFF");
        }
    }

    /** Statements as the stack's superuser (on the Aurora-like target too: only the test's bookkeeping). */
    private void admin(DatabaseServer server, String... statements) throws SQLException {
        run(server, stack.accounts().admin(), statements);
    }

    /** Statements as Aurora's master user. */
    private void asMaster(DatabaseServer server, String... statements) throws SQLException {
        run(server, stack.accounts().master(), statements);
    }

    private static void run(DatabaseServer server, DbAccount account, String... statements) throws SQLException {
        try (Connection connection = server.connect(account); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }


}
