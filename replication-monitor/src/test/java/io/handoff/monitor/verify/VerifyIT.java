package io.handoff.monitor.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.DriftKind;
import io.handoff.common.event.DriftReport;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.localstack.testing.StepCommandBus;
import io.handoff.monitor.support.MonitorBus;
import io.handoff.monitor.support.Numbers;
import io.handoff.monitor.support.ReplicatedPair;
import io.handoff.monitor.support.SourceWrites;
import io.handoff.verify.TableCatalog;
import io.handoff.verify.VerifyReport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * VERIFY against the real local stack: a fresh schema replicated source -> target with four tables
 * (a primary key, a composite primary key, only a unique NOT NULL key, no key at all) of a few
 * thousand rows each, cut into several chunks (see {@link VerifyTestProfile}), while an application
 * keeps inserting into one table and updating another on the source. VERIFY runs through the real
 * command topic; its result is read from the step events and the drift topic.
 */
@QuarkusTest
@TestProfile(VerifyTestProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
@Tag("issue-6")
class VerifyIT {
    private static final String SOURCE = "source";
    private static final String TARGET = "target";
    private static final int ROWS = 4000;

    private final LocalStack stack = SharedLocalStack.get();
    private final ReplicatedPair servers = new ReplicatedPair(stack);
    private final String planId = "plan-" + UUID.randomUUID();
    private final String schema = "verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private int steps;
    private MonitorBus bus;
    private SourceWrites inserts;
    private SourceWrites updates;
    private KafkaConsumer<String, String> drift;

    @BeforeEach
    void replicateFourTablesWithAWorkloadWriting() throws Exception {
        // This class runs in its own Quarkus application (a test profile): the driver registered with
        // DriverManager by an earlier application's class loader is not visible here until loaded again (either flavour's).
        Class.forName("org.mariadb.jdbc.Driver");
        Class.forName("com.mysql.cj.jdbc.Driver");
        servers.standalone(List.of());
        String rows = servers.replicatedTable(schema);
        servers.admin(servers.source(),
                "CREATE TABLE " + schema + ".orders (id BIGINT PRIMARY KEY, customer INT NOT NULL, note VARCHAR(64) NULL,"
                        + " amount DECIMAL(12,2) NOT NULL, created TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))",
                "CREATE TABLE " + schema + ".pairs (region INT NOT NULL, id BIGINT NOT NULL, payload VARBINARY(32),"
                        + " PRIMARY KEY (region, id))",
                "CREATE TABLE " + schema + ".events (code VARCHAR(32) NOT NULL, at DATETIME NULL, body TEXT,"
                        + " UNIQUE KEY uq_code (code), KEY ix_at (at))",
                "CREATE TABLE " + schema + ".notes (line VARCHAR(64), n INT)",
                "CREATE TABLE " + schema + ".tags (tag VARCHAR(32), weight INT)",
                "INSERT INTO " + schema + ".orders (id, customer, note, amount) SELECT seq, seq % 97,"
                        + " IF(seq % 5 = 0, NULL, CONCAT('note ', seq)), seq / 7 FROM " + Numbers.upTo(ROWS),
                "INSERT INTO " + schema + ".pairs SELECT seq % 4, seq, UNHEX(SHA2(seq, 256)) FROM " + Numbers.upTo(ROWS),
                "INSERT INTO " + schema + ".events SELECT CONCAT('ev-', seq), '2026-11-25 01:00:00' + INTERVAL seq SECOND,"
                        + " REPEAT('é', seq % 40) FROM " + Numbers.upTo(ROWS),
                "INSERT INTO " + schema + ".notes SELECT IF(seq % 9 = 0, NULL, CONCAT('line ', seq % 500)), seq % 3"
                        + " FROM " + Numbers.upTo(ROWS),
                "INSERT INTO " + schema + ".tags SELECT CONCAT('tag-', seq), seq FROM " + Numbers.upTo(200));
        drift = StepCommandBus.consumerAtEnd(stack.kafka().bootstrapServers(), Topics.REPLICATION_DRIFT);
        bus = new MonitorBus(stack.kafka().bootstrapServers(), planId);
        inserts = SourceWrites.inserts(servers.source(), stack.accounts().app(), rows);
        updates = SourceWrites.updates(servers.source(), stack.accounts().app(), schema + ".orders", "amount", 2000);
        await().atMost(Duration.ofSeconds(10)).until(() -> inserts.written() > 20 && updates.written() > 20);
    }

    @AfterEach
    void stopWritingAndStandAlone() throws Exception {
        try {
            if (inserts != null) {
                inserts.close();
            }
            if (updates != null) {
                updates.close();
            }
            if (bus != null) {
                bus.close();
            }
            if (drift != null) {
                drift.close(Duration.ofSeconds(5));
            }
        } finally {
            servers.standalone(List.of(schema));
        }
    }

    @Test
    void reportsExactlyTheRowsChangedDeletedAndInsertedOnTheTargetAlone() throws Exception {
        awaitTargetHas("SELECT COUNT(*) FROM " + schema + ".events", ROWS);
        servers.admin(servers.target(), "SET sql_log_bin=0",
                "UPDATE " + schema + ".orders SET note = 'changed on the target' WHERE id = 3500",
                "DELETE FROM " + schema + ".pairs WHERE region = 2 AND id = 1234",
                "INSERT INTO " + schema + ".events (code, at, body) VALUES ('target-only', NULL, 'x')");

        StepEvent verified = bus.run(verify(Map.of(StepParams.SCHEMAS, List.of(schema))));

        assertThat(verified.kind()).as("VERIFY: %s", verified.failure()).isEqualTo(StepEventKind.SUCCEEDED);
        Map<String, Object> facts = verified.facts();
        assertThat(facts).containsEntry(VerifyReport.FACT_DRIFT, 3).containsEntry(VerifyReport.FACT_TABLES, 6)
                .containsEntry(VerifyReport.FACT_DIFFERENCES_TRUNCATED, false)
                .containsEntry(VerifyReport.FACT_WHOLE_TABLES, List.of(schema + ".notes", schema + ".tags"));
        assertThat(facts.get(VerifyReport.FACT_DIFFERENCES)).asList().containsExactlyInAnyOrder(
                Map.of("table", schema + ".orders", "key", Map.of("id", 3500), "kind", "DIFFERENT"),
                Map.of("table", schema + ".pairs", "key", Map.of("region", 2, "id", 1234), "kind", "MISSING"),
                Map.of("table", schema + ".events", "key", Map.of("code", "target-only"), "kind", "EXTRA"));
        assertThat(((Number) facts.get(VerifyReport.FACT_ROWS)).longValue()).isGreaterThanOrEqualTo(4L * ROWS);
        assertThat(((Number) facts.get(VerifyReport.FACT_CHUNKS)).longValue())
                .as("several chunks in each of the three keyed tables").isGreaterThanOrEqualTo(3 * 5 + 1);

        List<DriftReport> reports = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (ConsumerRecord<String, String> record : drift.poll(Duration.ofMillis(200))) {
                DriftReport report = Json.fromJson(record.value(), DriftReport.class);
                if (report.planId().equals(planId)) {
                    reports.add(report);
                }
            }
            return reports.size() >= 3;
        });
        assertThat(reports).extracting(DriftReport::table, DriftReport::kind, DriftReport::primaryKey).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(schema + ".orders", DriftKind.DIFFERENT, Map.of("id", 3500)),
                org.assertj.core.groups.Tuple.tuple(schema + ".pairs", DriftKind.MISSING, Map.of("region", 2, "id", 1234)),
                org.assertj.core.groups.Tuple.tuple(schema + ".events", DriftKind.EXTRA, Map.of("code", "target-only")));
    }

    @Test
    @Tag("issue-20")
    void namesEveryDifferingKeyOfAChunkNarrowedInRoundsIncludingNullsEmptyStringsAndBinaryBytes() throws Exception {
        awaitTargetHas("SELECT COUNT(*) FROM " + schema + ".pairs", ROWS);
        awaitTargetHas("SELECT COUNT(*) FROM " + schema + ".orders", ROWS);
        servers.admin(servers.target(), "SET sql_log_bin=0",
                // Keys above the workload's updates (ids 1 to 2000), which would overwrite these changes.
                // NULL and '' differ only in the NULL markers of the row image.
                "UPDATE " + schema + ".orders SET note = '' WHERE id = 2005",
                "UPDATE " + schema + ".orders SET note = NULL WHERE id = 2006",
                // Adjacent keys of one chunk, the last key of one table and the first of another.
                "UPDATE " + schema + ".orders SET customer = customer + 1 WHERE id IN (2001, 2002, " + ROWS + ")",
                "UPDATE " + schema + ".pairs SET payload = NULL WHERE region = 0 AND id = 4",
                // One byte of a binary value, made a zero byte; a binary value made empty.
                "UPDATE " + schema + ".pairs SET payload = CONCAT(LEFT(payload, 7), 0x00, SUBSTRING(payload, 9))"
                        + " WHERE region = 1 AND id = 1001",
                "UPDATE " + schema + ".pairs SET payload = '' WHERE region = 3 AND id = 3003",
                "DELETE FROM " + schema + ".pairs WHERE region = 0 AND id = 4000",
                "INSERT INTO " + schema + ".pairs VALUES (0, " + (ROWS + 10) + ", NULL)");

        StepEvent verified = bus.run(verify(Map.of(StepParams.SCHEMAS, List.of(schema))));

        assertThat(verified.kind()).as("VERIFY: %s", verified.failure()).isEqualTo(StepEventKind.SUCCEEDED);
        assertThat(verified.facts().get(VerifyReport.FACT_DIFFERENCES)).asList().containsExactlyInAnyOrder(
                Map.of("table", schema + ".orders", "key", Map.of("id", 2005), "kind", "DIFFERENT"),
                Map.of("table", schema + ".orders", "key", Map.of("id", 2006), "kind", "DIFFERENT"),
                Map.of("table", schema + ".pairs", "key", Map.of("region", 0, "id", 4), "kind", "DIFFERENT"),
                Map.of("table", schema + ".orders", "key", Map.of("id", 2001), "kind", "DIFFERENT"),
                Map.of("table", schema + ".orders", "key", Map.of("id", 2002), "kind", "DIFFERENT"),
                Map.of("table", schema + ".orders", "key", Map.of("id", ROWS), "kind", "DIFFERENT"),
                Map.of("table", schema + ".pairs", "key", Map.of("region", 1, "id", 1001), "kind", "DIFFERENT"),
                Map.of("table", schema + ".pairs", "key", Map.of("region", 3, "id", 3003), "kind", "DIFFERENT"),
                Map.of("table", schema + ".pairs", "key", Map.of("region", 0, "id", 4000), "kind", "MISSING"),
                Map.of("table", schema + ".pairs", "key", Map.of("region", 0, "id", ROWS + 10), "kind", "EXTRA"));
        assertThat(verified.facts()).containsEntry(VerifyReport.FACT_DRIFT, 10);
    }

    @Test
    void rowsOfATableWithoutKeyAreNamedByTheirColumnsAndABigOneIsReportedWhole() throws Exception {
        awaitTargetHas("SELECT COUNT(*) FROM " + schema + ".tags", 200);
        awaitTargetHas("SELECT COUNT(*) FROM " + schema + ".notes", ROWS);
        servers.admin(servers.target(), "SET sql_log_bin=0",
                "UPDATE " + schema + ".tags SET weight = 1000 WHERE tag = 'tag-17'",
                "UPDATE " + schema + ".notes SET n = 7 WHERE line = 'line 42' LIMIT 1");

        StepEvent verified = bus.run(verify(Map.of(StepParams.SCHEMAS, List.of(schema))));

        assertThat(verified.kind()).as("VERIFY: %s", verified.failure()).isEqualTo(StepEventKind.SUCCEEDED);
        assertThat(verified.facts()).containsEntry(VerifyReport.FACT_DRIFT, 3);
        assertThat(verified.facts().get(VerifyReport.FACT_DIFFERENCES)).asList().containsExactlyInAnyOrder(
                Map.of("table", schema + ".tags", "key", Map.of("tag", "tag-17", "weight", 17), "kind", "MISSING"),
                Map.of("table", schema + ".tags", "key", Map.of("tag", "tag-17", "weight", 1000), "kind", "EXTRA"),
                Map.of("table", schema + ".notes", "key", Map.of(), "kind", "DIFFERENT", "detail",
                        "checksums differ (source " + ROWS + " rows, target " + ROWS + "); without a primary or unique NOT NULL"
                                + " key, tables over 900 rows are not narrowed to rows"));
    }

    @Test
    void reportsZeroDriftWhileTheWorkloadWritesWhenNothingChangedOnTheTarget() {
        StepEvent verified = bus.run(verify(Map.of(StepParams.SCHEMAS, List.of(schema))));

        assertThat(verified.kind()).as("VERIFY: %s", verified.failure()).isEqualTo(StepEventKind.SUCCEEDED);
        assertThat(verified.facts()).containsEntry(VerifyReport.FACT_DRIFT, 0)
                .containsEntry(VerifyReport.FACT_DIFFERENCES, List.of())
                .containsEntry(VerifyReport.FACT_SCHEMAS, List.of(schema))
                .containsEntry(VerifyReport.FACT_TABLES, 6);
        assertThat(((Number) verified.facts().get(VerifyReport.FACT_ROWS)).longValue()).isGreaterThanOrEqualTo(4L * ROWS);
        assertThat(((Number) verified.facts().get(VerifyReport.FACT_ROWS_PER_SECOND)).longValue()).isPositive();
        assertThat(inserts.written()).isGreaterThan(20);
    }

    @Test
    void withoutSchemasEveryApplicationSchemaIsCheckedButNotTheServersOwn() {
        StepEvent verified = bus.run(verify(Map.of()));

        assertThat(verified.kind()).as("VERIFY: %s", verified.failure()).isEqualTo(StepEventKind.SUCCEEDED);
        assertThat(verified.facts().get(VerifyReport.FACT_SCHEMAS)).asList().contains(schema)
                .doesNotContainAnyElementsOf(TableCatalog.SKIPPED_SCHEMAS);
    }

    @Test
    void failsRetryableWithoutChangingAnythingWhenTheTargetDoesNotReachTheSourcePosition() throws Exception {
        servers.stopApplier();
        try {
            StepEvent verified = bus.run(verify(Map.of(StepParams.SCHEMAS, List.of(schema))));

            assertThat(verified.kind()).isEqualTo(StepEventKind.FAILED);
            assertThat(verified.failure().retryable()).isTrue();
            assertThat(verified.failure().reason()).contains("did not apply the source's position");
            assertThat(verified.failure().recoverableState()).isEqualTo("nothing was changed");
        } finally {
            servers.startApplier();
        }
    }

    @Test
    void aSchemaMissingOnTheSourceIsATerminalFailure() {
        StepEvent verified = bus.run(verify(Map.of(StepParams.SCHEMAS, List.of(schema + "_typo"))));

        assertThat(verified.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(verified.failure().retryable()).isFalse();
        assertThat(verified.failure().reason()).contains(schema + "_typo");
    }

    private void awaitTargetHas(String countQuery, long rows) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Long.parseLong(servers.value(servers.target(), countQuery)) >= rows);
    }

    private StepCommand verify(Map<String, ?> params) {
        Map<String, Object> all = new java.util.HashMap<>(params);
        all.put(StepParams.CLUSTER, TARGET);
        all.put(StepParams.SOURCE_CLUSTER, SOURCE);
        steps++;
        return StepCommand.issue(planId, steps + "-VERIFY", StepType.VERIFY, all, 1, Instant.now().plus(Duration.ofMinutes(10)),
                0, Clock.systemUTC());
    }
}
