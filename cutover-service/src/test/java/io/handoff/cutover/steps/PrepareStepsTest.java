package io.handoff.cutover.steps;

import static io.handoff.cutover.support.Servers.A;
import static io.handoff.cutover.support.Servers.B;
import static io.handoff.cutover.support.StepEventAssertions.fact;
import static io.handoff.cutover.support.StepEventAssertions.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.support.ClientProgramsTestResource;
import io.handoff.localstack.testing.StepCommandBus;
import io.handoff.cutover.support.Plan;
import io.handoff.cutover.support.Servers;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.handoff.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The prepare steps (PRECHECK, RETAIN_BINLOG, SEED by mysqldump, START_REPLICATION), driven through
 * Kafka, on the real servers. Each test starts from two stand-alone servers and leaves them so: no
 * replication, both writable, no GTID history, its schema dropped, settings restored.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(ClientProgramsTestResource.class)
class PrepareStepsTest {
    private static final List<String> TABLES = List.of("customers", "orders", "audit_log");

    private final Servers servers = new Servers(SharedLocalStack.get());
    private final Plan plan = new Plan();
    private final String schema = "seed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private StepCommandBus bus;

    @BeforeEach
    void standAloneServers() throws SQLException {
        servers.standalone();
        bus = new StepCommandBus(SharedLocalStack.get().kafka().bootstrapServers());
    }

    @AfterEach
    void standAloneAgainWithoutTheSchema() throws SQLException {
        bus.close();
        servers.standalone();
        for (DatabaseServer server : List.of(servers.a(), servers.b())) {
            servers.admin(server, "DROP DATABASE IF EXISTS " + schema);
        }
        servers.standalone();
    }

    @Test
    void seedByDumpThenReplicationGivesTheTargetIdenticalTables() throws Exception {
        createShop(servers.a());

        StepEvent precheck = succeeds(StepType.PRECHECK, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.SCHEMAS, List.of(schema)));
        assertThat(findings(precheck)).containsExactly(Map.of("severity", "WARNING", "check", "primary_keys", "cluster", A,
                "detail", "tables without a primary key: " + schema + ".audit_log"));

        String positionAtDump = servers.binlogPosition(servers.a());
        StepCommand seedCommand = plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of(schema)));
        StepEvent seed = succeeded(bus.run(seedCommand));
        assertThat(bus.eventsOf(seedCommand.commandId())).extracting(StepEvent::kind)
                .containsExactly(StepEventKind.STARTED, StepEventKind.SUCCEEDED);
        assertThat(fact(seed, StepParams.FACT_POSITION)).isEqualTo(positionAtDump).isNotEqualTo("");
        assertThat(((Number) fact(seed, StepParams.FACT_ROWS)).longValue()).isEqualTo(3 + 4 + 5);
        assertThat(((Number) fact(seed, StepParams.FACT_BYTES)).longValue()).isPositive();
        assertThat(servers.binlogPosition(servers.b())).as("the load wrote nothing to the target's binlog").isEmpty();
        assertThat(Json.toJson(bus.eventsOf(seedCommand.commandId()))).doesNotContain(
                SharedLocalStack.get().accounts().admin().password(), SharedLocalStack.get().accounts().repl().password());
        assertNoOptionFileLeft();

        StepEvent started = succeeds(StepType.START_REPLICATION, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.POSITION, fact(seed, StepParams.FACT_POSITION)));
        assertThat(fact(started, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(false);

        writeMore(servers.a());
        String finalPosition = servers.binlogPosition(servers.a());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(servers.replicatesFrom(servers.b(), servers.a())).as("%s", servers.replicas(servers.b())).isTrue();
            assertThat(servers.value(servers.b(), "SELECT @@GLOBAL.gtid_slave_pos")).isEqualTo(finalPosition);
        });
        assertThat(checksums(servers.b())).isEqualTo(checksums(servers.a()));

        StepEvent again = succeeds(StepType.START_REPLICATION, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.POSITION, fact(seed, StepParams.FACT_POSITION)));
        assertThat(fact(again, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(true);
        StepEvent seedAgain = succeeds(StepType.SEED, seedCommand.params());
        assertThat(fact(seedAgain, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(true);
        assertThat(checksums(servers.b())).isEqualTo(checksums(servers.a()));
    }

    @Test
    void seedOfASchemaTheSourceLacksFailsWithTheDumpProgramsError() throws Exception {
        StepEvent failed = bus.run(plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of(schema))));

        assertThat(failed.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(failed.failure().retryable()).isFalse();
        assertThat(failed.failure().reason()).contains("dumping [" + schema + "] from " + A).contains("Unknown database");
        assertNoOptionFileLeft();
    }

    @Test
    void retainBinlogRaisesTheSourcesRetentionAndNeverLowersIt() throws Exception {
        String original = servers.value(servers.a(), "SELECT @@GLOBAL.binlog_expire_logs_seconds");
        try {
            servers.admin(servers.a(), "SET GLOBAL binlog_expire_logs_seconds=3600");

            StepEvent raised = succeeds(StepType.RETAIN_BINLOG, Map.of(StepParams.CLUSTER, A, StepParams.RETAIN_SECONDS, 86_400));
            StepEvent kept = succeeds(StepType.RETAIN_BINLOG, Map.of(StepParams.CLUSTER, A, StepParams.RETAIN_SECONDS, 7_200));

            assertThat(raised.facts()).containsEntry(StepParams.FACT_PREVIOUS_RETENTION_SECONDS, 3600)
                    .containsEntry(StepParams.FACT_RETENTION_SECONDS, 86_400).containsEntry(StepParams.FACT_ALREADY_APPLIED, false)
                    .containsEntry(StepParams.FACT_RETENTION_PERSISTENT, false);
            assertThat((String) raised.facts().get(StepParams.FACT_WARNING)).as("MariaDB forgets SET GLOBAL at restart")
                    .contains("binlog_expire_logs_seconds=86400").contains("configuration file");
            assertThat(kept.facts()).containsEntry(StepParams.FACT_RETENTION_SECONDS, 86_400)
                    .containsEntry(StepParams.FACT_ALREADY_APPLIED, true);
            assertThat(servers.value(servers.a(), "SELECT @@GLOBAL.binlog_expire_logs_seconds")).isEqualTo("86400");
        } finally {
            servers.admin(servers.a(), "SET GLOBAL binlog_expire_logs_seconds=" + Long.parseLong(original));
        }
    }

    /** Issue 16, point 3: the drills used to set the replica read-only by hand. */
    @Test
    void startReplicationKeepsTheTargetReadOnlyUntilWritable() throws Exception {
        servers.admin(servers.a(), "CREATE DATABASE " + schema, "CREATE TABLE " + schema + ".rows (id BIGINT PRIMARY KEY)");
        servers.admin(servers.b(), "SET sql_log_bin=0", "CREATE DATABASE " + schema,
                "CREATE TABLE " + schema + ".rows (id BIGINT PRIMARY KEY)", "SET sql_log_bin=1");
        String position = servers.binlogPosition(servers.a());

        StepEvent started = succeeds(StepType.START_REPLICATION, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.POSITION, position));

        assertThat(fact(started, StepParams.FACT_REPLICA_READ_ONLY)).isEqualTo(true);
        assertThat(started.facts()).doesNotContainKey(StepParams.FACT_WARNING);
        assertThat(servers.readOnly(servers.b())).isTrue();
        assertThatThrownBy(() -> insertAsApp(servers.b(), 1)).as("an application write on the replica")
                .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
        insertAsApp(servers.a(), 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(servers.column(servers.b(), "SELECT id FROM " + schema + ".rows")).containsExactly("2"));

        succeeds(StepType.STOP_REPLICA, Map.of(StepParams.CLUSTER, B));
        assertThat(servers.readOnly(servers.b())).as("read-only until WRITABLE, not until STOP_REPLICA").isTrue();
        StepEvent writable = succeeds(StepType.WRITABLE, Map.of(StepParams.CLUSTER, B, StepParams.EXEMPT_USERS, List.of("auth"),
                StepParams.STRATEGIES, Map.of(StepParams.STRATEGY_READ_ONLY, "account-lock", StepParams.STRATEGY_KILL, "kill")));

        assertThat(fact(writable, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(false);
        assertThat(servers.readOnly(servers.b())).isFalse();
        insertAsApp(servers.b(), 3);
    }

    private void insertAsApp(DatabaseServer server, long id) throws SQLException {
        try (Connection connection = servers.connect(server, servers.app()); Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO " + schema + ".rows (id) VALUES (" + id + ")");
        }
    }

    @Test
    void precheckFailsOnErrantGtidsOfTheTargetNamingThem() throws Exception {
        servers.admin(servers.b(), "CREATE DATABASE " + schema);
        String errant = servers.binlogPosition(servers.b());

        StepEvent failed = bus.run(plan.command(StepType.PRECHECK, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A)));

        assertThat(failed.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(failed.failure().retryable()).isFalse();
        assertThat(failed.failure().reason()).contains("errant_gtids on " + B).contains(errant);
        assertThat(findings(failed)).anySatisfy(finding -> assertThat(finding)
                .containsEntry("severity", "BLOCKING").containsEntry("check", "errant_gtids").containsEntry("cluster", B));
    }

    private static void assertNoOptionFileLeft() throws IOException {
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(Path::getFileName).map(Path::toString)).as("option files with passwords")
                    .noneMatch(name -> name.startsWith("handoff-seed-"));
        }
    }

    private void createShop(DatabaseServer server) throws SQLException {
        servers.admin(server, "CREATE DATABASE " + schema,
                "CREATE TABLE " + schema + ".customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "CREATE TABLE " + schema + ".orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL,"
                        + " total DECIMAL(10,2), note TEXT, KEY (customer_id))",
                "CREATE TABLE " + schema + ".audit_log (at DATETIME(6) NOT NULL, what VARCHAR(80))",
                "INSERT INTO " + schema + ".customers VALUES (1, 'ada'), (2, 'grace'), (3, 'linus')",
                "INSERT INTO " + schema + ".orders (customer_id, total, note) VALUES (1, 10.50, 'first'), (2, 3.20, NULL),"
                        + " (1, 99.99, 'a ''quoted'' note'), (3, 0.01, 'é ü')",
                "INSERT INTO " + schema + ".audit_log VALUES ('2026-11-24 10:00:00.000001', 'a'), ('2026-11-24 10:00:01', 'b'),"
                        + " ('2026-11-24 10:00:02', 'c'), ('2026-11-24 10:00:02', 'c'), ('2026-11-24 10:00:03', NULL)");
    }

    private void writeMore(DatabaseServer server) throws SQLException {
        servers.admin(server, "INSERT INTO " + schema + ".customers VALUES (4, 'barbara')",
                "UPDATE " + schema + ".customers SET name = 'Ada' WHERE id = 1",
                "INSERT INTO " + schema + ".orders (customer_id, total) VALUES (4, 12.00), (4, 13.00)",
                "DELETE FROM " + schema + ".orders WHERE customer_id = 2",
                "INSERT INTO " + schema + ".audit_log VALUES (NOW(6), 'after the seed')",
                "DELETE FROM " + schema + ".audit_log WHERE what = 'b'",
                "UPDATE " + schema + ".audit_log SET what = 'd' WHERE what IS NULL");
    }

    /** CHECKSUM TABLE of every table of the schema. */
    private Map<String, Long> checksums(DatabaseServer server) throws SQLException {
        Map<String, Long> checksums = new LinkedHashMap<>();
        try (Connection connection = server.connect(SharedLocalStack.get().accounts().admin());
                Statement sql = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet row = sql.executeQuery("CHECKSUM TABLE " + schema + "." + table)) {
                    row.next();
                    checksums.put(table, row.getLong(2));
                }
            }
        }
        return checksums;
    }

    private StepEvent succeeds(StepType type, Map<String, ?> params) {
        return succeeded(bus.run(plan.command(type, params)));
    }


    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> findings(StepEvent event) {
        return (List<Map<String, Object>>) fact(event, StepParams.FACT_FINDINGS);
    }
}
