package io.handoff.cutover.steps;

import static io.handoff.cutover.support.StepEventAssertions.fact;
import static io.handoff.cutover.support.StepEventAssertions.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.cutover.support.Servers;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.cutover.support.ClientProgramsTestResource;
import io.handoff.cutover.support.Plan;
import io.handoff.localstack.ClusterRegistration;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.db.StackFlavor;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.localstack.testing.StepCommandBus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * SEED by dump from a real Oracle MySQL source into a real Oracle MySQL target (the failsafe execution
 * {@code mysql-stack} runs it on a stack whose two servers are MySQL), then START_REPLICATION from the
 * seed's position. Each test starts from two stand-alone servers without GTID history and leaves them so.
 */
@Tag("issue-15")
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(ClientProgramsTestResource.class)
@QuarkusTestResource(value = SeedMySqlIT.ExtraClusters.class, restrictToAnnotatedClass = true)
@EnabledIfSystemProperty(named = "handoff.stack.source-flavor", matches = "mysql")
@EnabledIfSystemProperty(named = "handoff.stack.target-flavor", matches = "mysql")
class SeedMySqlIT {
    private static final String A = "source";
    private static final String B = "target";
    /**
     * The target server as Aurora MySQL's master user sees it (no SUPER, SYSTEM_VARIABLES_ADMIN, SESSION_VARIABLES_ADMIN),
     * but without the rds_* procedures: like Aurora before 3.04, it has no mysql.rds_gtid_purged.
     */
    private static final String B_AS_AURORA_MASTER = "target-aurora-master";
    /** The source server registered as MariaDB: a pair MySQL cannot replicate. */
    private static final String A_AS_MARIADB = "source-as-mariadb";
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
            Map<String, String> properties = new LinkedHashMap<>();
            properties.putAll(ClusterRegistration.of(B_AS_AURORA_MASTER, stack.target(), "aurora-mysql",
                    stack.accounts().master(), stack));
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
        assertThat(stack.target().flavor()).isEqualTo(StackFlavor.MYSQL);
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

    @Test
    void mySqlSeedGivesTheTargetTheSourcesRowsAndGtidSetThenReplicatesLaterWritesWithoutErrantGtids() throws Exception {
        createSchema(stack.source());
        // A second UUID in the source's set: MySQL prints a line break between UUID sets.
        admin(stack.source(), "SET gtid_next='3e11fa47-71ca-11e1-9e33-c80aa9429562:7'", "BEGIN", "COMMIT", "SET gtid_next=AUTOMATIC");
        String sourceSetAtDump = servers.value(stack.source(), "SELECT @@GLOBAL.gtid_executed");
        assertThat(sourceSetAtDump).contains("\n");
        String targetUuid = servers.value(stack.target(), "SELECT @@GLOBAL.server_uuid");

        StepCommand seedCommand = plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of(schema)));
        StepEvent seed = succeeded(bus.run(seedCommand));

        String position = (String) fact(seed, StepParams.FACT_POSITION);
        assertThat(position).as("the dump's GTID set, normalised").isEqualTo(sourceSetAtDump.replaceAll("\\s+", ""))
                .doesNotContain("\n").doesNotContain(" ").doesNotStartWith("+");
        assertThat(((Number) fact(seed, StepParams.FACT_ROWS)).longValue()).isEqualTo(3 + 3 + 2);
        assertThat(((Number) fact(seed, StepParams.FACT_BYTES)).longValue()).isPositive();
        assertThat(Json.toJson(bus.eventsOf(seedCommand.commandId()))).doesNotContain(stack.accounts().admin().password());
        assertThat(rows(stack.target())).isEqualTo(rows(stack.source()));
        assertThat(servers.column(stack.target(), "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA='"
                + schema + "'")).containsExactly("docs_logged");
        assertThat(servers.column(stack.target(), "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA='" + schema + "'"))
                .containsExactly("doc_titles");
        assertThat(servers.column(stack.target(), "SELECT STATUS FROM information_schema.EVENTS WHERE EVENT_SCHEMA='" + schema + "'"))
                .as("the source's enabled event does not run on the replica").containsExactly("REPLICA_SIDE_DISABLED");
        assertThat(servers.column(stack.source(), "SELECT STATUS FROM information_schema.EVENTS WHERE EVENT_SCHEMA='" + schema + "'"))
                .containsExactly("ENABLED");
        assertThat(gtidSetsEqual(stack.target(), servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed"), position))
                .as("the target's gtid_executed is the dump's set, nothing of its own").isTrue();
        assertThat(servers.value(stack.target(), "SELECT @@GLOBAL.gtid_purged").replaceAll("\\s+", "")).isEqualTo(position);

        StepEvent started = succeeded(bus.run(plan.command(StepType.START_REPLICATION, Map.of(StepParams.CLUSTER, B,
                StepParams.SOURCE_CLUSTER, A, StepParams.POSITION, position))));
        assertThat(fact(started, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(false);

        writeMore(stack.source());
        String finalSet = servers.value(stack.source(), "SELECT @@GLOBAL.gtid_executed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(servers.value(stack.target(), "SELECT SERVICE_STATE FROM performance_schema.replication_applier_status"))
                    .isEqualTo("ON");
            assertThat(gtidSetsEqual(stack.target(), servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed"), finalSet)).isTrue();
        });
        assertThat(rows(stack.target())).isEqualTo(rows(stack.source()));
        assertThat(servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed")).as("no errant GTID of the target's own")
                .doesNotContain(targetUuid);
        assertThat(servers.value(stack.target(), "SELECT COUNT(*) FROM " + schema + ".doc_events"))
                .as("the trigger ran on the source only; its rows came by replication").isEqualTo("5");

        StepEvent seedAgain = succeeded(bus.run(plan.command(StepType.SEED, seedCommand.params())));
        assertThat(fact(seedAgain, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(true);
        assertThat((String) fact(seedAgain, StepParams.FACT_POSITION)).doesNotContain("\n");
    }

    @Test
    void seedTakenWhileTheSourceIsWrittenReplicatesEveryLaterWriteExactlyOnce() throws Exception {
        createSchema(stack.source());
        admin(stack.source(), "CREATE TABLE " + schema + ".busy (id BIGINT PRIMARY KEY, payload JSON)");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (Connection connection = stack.source().connect(stack.accounts().admin());
                    Statement sql = connection.createStatement()) {
                while (writing.get()) {
                    long id = written.get() + 1;
                    sql.executeUpdate("INSERT INTO " + schema + ".busy VALUES (" + id + ", JSON_OBJECT('n', " + id + "))");
                    written.set(id);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "seed-it-writer");
        writer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> written.get() >= 20);

        StepEvent seed = succeeded(bus.run(plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of(schema)))));
        succeeded(bus.run(plan.command(StepType.START_REPLICATION, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.POSITION, fact(seed, StepParams.FACT_POSITION)))));
        long atSeedEnd = written.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> written.get() >= atSeedEnd + 20);
        writing.set(false);
        writer.join(10_000);

        String finalSet = servers.value(stack.source(), "SELECT @@GLOBAL.gtid_executed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(gtidSetsEqual(stack.target(), servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed"), finalSet)).isTrue());
        assertThat(servers.value(stack.target(), "SELECT LAST_ERROR_NUMBER FROM performance_schema.replication_applier_status_by_worker"
                + " ORDER BY LAST_ERROR_NUMBER DESC LIMIT 1")).isEqualTo("0");
        assertThat(servers.column(stack.target(), "SELECT CONCAT(COUNT(*), ':', MIN(id), ':', MAX(id)) FROM " + schema + ".busy"))
                .containsExactly(written.get() + ":1:" + written.get());
        assertThat(rows(stack.target())).isEqualTo(rows(stack.source()));
    }

    @Test
    void repeatedMySqlSeedBeforeReplicationLoadsAgainAndAddsOnlyTheNewGtids() throws Exception {
        createSchema(stack.source());
        StepCommand seedCommand = plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of(schema)));
        String first = (String) fact(succeeded(bus.run(seedCommand)), StepParams.FACT_POSITION);
        writeMore(stack.source());

        StepEvent again = succeeded(bus.run(plan.command(StepType.SEED, seedCommand.params())));

        String second = (String) fact(again, StepParams.FACT_POSITION);
        assertThat(second).isNotEqualTo(first).isEqualTo(servers.value(stack.source(), "SELECT @@GLOBAL.gtid_executed").replaceAll("\\s+", ""));
        assertThat(fact(again, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(false);
        assertThat(rows(stack.target())).isEqualTo(rows(stack.source()));
        assertThat(gtidSetsEqual(stack.target(), servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed"), second)).isTrue();
    }

    @Test
    void targetAccountWithoutSystemVariablesAdminOnAServerWithoutRdsGtidPurgedIsRefusedBeforeAnythingChanges() throws Exception {
        createSchema(stack.source());
        String before = servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed");

        StepEvent refused = bus.run(plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B_AS_AURORA_MASTER,
                StepParams.SOURCE_CLUSTER, A, StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of(schema))));

        assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(refused.failure().retryable()).isFalse();
        assertThat(refused.failure().reason()).contains("SEED refused").contains(B_AS_AURORA_MASTER + "'s account master")
                .contains("sql_log_bin").contains("SESSION_VARIABLES_ADMIN").contains("mysql.rds_gtid_purged");
        assertThat(servers.column(stack.target(), "SHOW DATABASES LIKE '" + schema + "'")).isEmpty();
        assertThat(servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed")).isEqualTo(before);
    }

    @Test
    void targetWithGtidsItsSourceNeverWroteIsRefusedNamingThem() throws Exception {
        createSchema(stack.source());
        admin(stack.target(), "CREATE DATABASE " + schema);
        String errant = servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed");

        StepEvent refused = bus.run(plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of(schema))));

        assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(refused.failure().retryable()).isFalse();
        assertThat(refused.failure().reason()).contains("never wrote").contains(errant.replaceAll("\\s+", ""));
        assertThat(servers.column(stack.target(), "SHOW TABLES FROM " + schema)).as("nothing loaded").isEmpty();
    }

    @Test
    void mariaDbSourceToMySqlTargetIsRefusedBeforeAnythingChanges() throws Exception {
        String before = servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed");

        StepEvent refused = bus.run(plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER,
                A_AS_MARIADB, StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of(schema))));

        assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(refused.failure().retryable()).isFalse();
        assertThat(refused.failure().reason()).contains("MySQL does not replicate from MariaDB");
        assertThat(refused.failure().recoverableState()).contains("nothing was changed");
        assertThat(servers.value(stack.target(), "SELECT @@GLOBAL.gtid_executed")).isEqualTo(before);
    }

    private void createSchema(DatabaseServer server) throws SQLException {
        admin(server, "CREATE DATABASE " + schema + " DEFAULT CHARACTER SET utf8mb4",
                "CREATE TABLE " + schema + ".docs (id INT PRIMARY KEY, title VARCHAR(80) NOT NULL, body JSON, data BLOB,"
                        + " note TEXT) DEFAULT CHARSET utf8mb4",
                "CREATE TABLE " + schema + ".doc_events (id BIGINT AUTO_INCREMENT PRIMARY KEY, doc_id INT NOT NULL, what VARCHAR(20))",
                "CREATE TABLE " + schema + ".no_key (at DATETIME(6) NOT NULL, what VARCHAR(80))",
                "CREATE TRIGGER " + schema + ".docs_logged AFTER INSERT ON " + schema + ".docs FOR EACH ROW"
                        + " INSERT INTO " + schema + ".doc_events (doc_id, what) VALUES (NEW.id, 'created')",
                "CREATE VIEW " + schema + ".doc_titles AS SELECT id, title FROM " + schema + ".docs",
                "CREATE EVENT " + schema + ".purge ON SCHEDULE EVERY 1 HOUR STARTS '2036-01-01 00:00:00' ENABLE DO DELETE FROM "
                        + schema + ".doc_events WHERE id < 0",
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

    private boolean gtidSetsEqual(DatabaseServer server, String left, String right) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin());
                var both = connection.prepareStatement("SELECT GTID_SUBSET(?, ?) AND GTID_SUBSET(?, ?)")) {
            both.setString(1, left);
            both.setString(2, right);
            both.setString(3, right);
            both.setString(4, left);
            try (ResultSet row = both.executeQuery()) {
                row.next();
                return row.getInt(1) == 1;
            }
        }
    }

    /**
     * Two stand-alone writable servers, no replication, no GTID history. START_REPLICATION leaves its target
     * super_read_only (issue 16, point 3): switched off here ({@code read_only=OFF} clears both).
     */
    private void standalone() throws SQLException {
        servers.standaloneMySql();
    }

    private void admin(DatabaseServer server, String... statements) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin()); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }


}
