package io.handoff.localstack.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.testing.LocalStackExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;

/**
 * The workload against the real local stack: the application's database name lives in the Route 53
 * emulator, changed through the AWS SDK as the DNS service changes it, and the workload finds the servers
 * through the emulator's DNS only. Each test has its own zone and schema.
 *
 * <p>The test writes to the target without replication. Those writes are binlogged there as GTIDs of the
 * target's own (domain 0, server 2) with sequence numbers of their own; in GTID strict mode a later
 * seed-and-replicate in this JVM would stop at the first source GTID whose sequence number is not above
 * them. So {@link #restoreServers()} empties the target's binlog, as the stack started it.
 */
@ExtendWith(LocalStackExtension.class)
class WorkloadIT {
    private static final String APPLICATION = "storefront";
    private static final Duration MARGIN = Duration.ofSeconds(2);
    /** MariaDB's ER_OPTION_PREVENTS_STATEMENT: "running with the --read-only option". */
    private static final int READ_ONLY_ERROR = 1290;

    private LocalStack stack;
    private Route53Client route53;
    private String zoneId;
    private String zone;
    private String schema;
    private String source;
    private String target;

    @BeforeEach
    void createZoneAndSchemaNames(LocalStack stack) {
        this.stack = stack;
        String unique = UUID.randomUUID().toString().substring(0, 8);
        zone = "wl" + unique + ".internal.example.";
        zoneId = stack.route53().createHostedZone(zone).id();
        schema = "workload_" + unique;
        source = stack.source().host();
        target = stack.target().host();
        route53 = Route53Client.builder()
                .endpointOverride(stack.route53().endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void restoreServers() throws SQLException {
        route53.close();
        admin(stack.source(), "SET GLOBAL read_only=OFF", "DROP DATABASE IF EXISTS `" + schema + "`");
        admin(stack.target(), "DROP DATABASE IF EXISTS `" + schema + "`", "RESET MASTER");
    }

    @Test
    void recordsRefusedWritesThenFollowsTheARecordToTheTargetWithoutLosingAcknowledgedWrites() throws Exception {
        Duration ttl = Duration.ofSeconds(1);
        String databaseName = "db.storefront." + zone;
        upsert(databaseName, RRType.A, ttl, source);

        try (Workload workload = workload(databaseName, 300)) {
            assertThat(workload.prepare()).containsEntry(APPLICATION, source);
            createWritesTableOn(stack.target());
            workload.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> threadsAckedBy(workload.report(), source) == 2);

            admin(stack.source(), "SET GLOBAL read_only=ON");
            Instant readOnlyAt = Instant.now();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<WriteError> refused = workload.report().errorsOn(source, readOnlyAt);
                assertThat(refused).extracting(WriteError::thread).contains(1, 2);
                assertThat(refused).hasSizeGreaterThanOrEqualTo(16); // retried with backoff, refused each time
            });
            WorkloadReport readOnly = workload.report();
            assertThat(readOnly.errorsOn(source, readOnlyAt)).allSatisfy(error -> {
                assertThat(error.errorCode()).isEqualTo(READ_ONLY_ERROR);
                assertThat(error.sqlState()).isEqualTo("HY000");
                assertThat(error.message()).contains("read-only");
            });
            assertThat(readOnly.acksOfInsertsSentAfter(source, readOnlyAt)).isEmpty();
            assertThat(readOnly.acksOn(source, readOnlyAt)) // at most the inserts in flight, one per thread
                    .hasSizeLessThanOrEqualTo(2)
                    .allSatisfy(ack -> assertThat(ack.sentAt()).isBefore(readOnlyAt));
            assertThat(readOnly.acksByServer()).doesNotContainKey(target);

            Instant switchedAt = upsert(databaseName, RRType.A, ttl, target);
            await().atMost(ttl.plus(MARGIN)).until(() -> threadsAckedBy(workload.report(), target) == 2);
            workload.stop();

            WorkloadReport done = workload.report();
            AckWindow onTarget = done.ackWindowOn(target).orElseThrow();
            assertThat(onTarget.first()).isAfter(switchedAt).isBefore(switchedAt.plus(ttl).plus(MARGIN));
            assertThat(done.acksOfInsertsSentAfter(source, readOnlyAt)).isEmpty();
            AckWindow onSource = done.ackWindowOn(source).orElseThrow();
            assertThat(onSource.last()).isBefore(switchedAt);
            assertThat(done.longestGapBetweenAcks()) // the write-blocked window, as the application saw it
                    .isEqualTo(Duration.between(onSource.last(), onTarget.first()))
                    .isGreaterThan(Duration.between(readOnlyAt, switchedAt).minusMillis(100));

            assertThat(missingOn(stack.source(), done, source)).isEmpty();
            assertThat(missingOn(stack.target(), done, target)).isEmpty();
            long deleted = done.acksOn(target, switchedAt).get(0).id();
            admin(stack.target(), "DELETE FROM " + WritesTable.qualifiedName(schema) + " WHERE id=" + deleted);
            assertThat(missingOn(stack.target(), done, target)).containsExactly(deleted);
            try (Connection connection = stack.target().connect(stack.accounts().admin())) {
                assertThat(AcknowledgedWritesCheck.missing(connection, done)) // no replication: the source's acks too
                        .hasSize((int) (done.acksByServer().get(source) + 1));
            }
        }
    }

    @Test
    void followsACnameChainAndMovesWhenTheTtlRunsOutWithoutAnyError() throws Exception {
        Duration ttl = Duration.ofSeconds(1);
        String databaseName = "db.storefront." + zone;
        upsert("source-db." + zone, RRType.A, Duration.ofSeconds(60), source);
        upsert("target-db." + zone, RRType.A, Duration.ofSeconds(60), target);
        upsert(databaseName, RRType.CNAME, ttl, "source-db." + zone);
        double rate = 200;

        try (Workload workload = workload(databaseName, rate)) {
            workload.prepare();
            createWritesTableOn(stack.target());
            workload.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> threadsAckedBy(workload.report(), source) == 2);

            Instant switchedAt = upsert(databaseName, RRType.CNAME, ttl, "target-db." + zone);
            await().atMost(ttl.plus(MARGIN)).until(() -> threadsAckedBy(workload.report(), target) == 2);
            workload.stop();

            WorkloadReport done = workload.report();
            assertThat(done.errorCount()).as("errors: %s", done.errors()).isZero();
            // The old answer was at most one TTL old at the switch; the margin covers a query answered
            // just before the switch whose reply was taken in just after it.
            assertThat(done.acksOfInsertsSentAfter(source, switchedAt.plus(ttl).plusMillis(500))).isEmpty();
            Duration ran = Duration.between(done.acks().get(0).sentAt(), done.acks().get(done.acks().size() - 1).sentAt());
            double paced = rate * ran.toNanos() / 1e9;
            assertThat(done.acknowledgedCount()).as("paced to %s/s over %s", rate, ran) // slots missed while
                    .isBetween((long) (paced / 4), (long) (paced * 1.1) + 10); // connecting are caught up
            assertThat(missingOn(stack.source(), done, source)).isEmpty();
            assertThat(missingOn(stack.target(), done, target)).isEmpty();
        }
    }

    @Test
    void keepsTheCachedAnswerWhileItsTtlRuns() throws Exception {
        String databaseName = "db.storefront." + zone;
        upsert(databaseName, RRType.A, Duration.ofSeconds(60), source);

        try (Workload workload = workload(databaseName, 100)) {
            workload.prepare();
            createWritesTableOn(stack.target());
            workload.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> threadsAckedBy(workload.report(), source) == 2);

            Instant switchedAt = upsert(databaseName, RRType.A, Duration.ofSeconds(60), target);
            await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                    .until(() -> !workload.report().acksByServer().containsKey(target));
            assertThat(workload.report().acksOn(source, switchedAt.plusMillis(1_000))).isNotEmpty();
        }
    }

    @Test
    @Tag("issue-16")
    void mixedWritesReconcileThenReportARowDeletedBehindTheirBackAndAChangedBalance() throws Exception {
        String databaseName = "db.storefront." + zone;
        upsert(databaseName, RRType.A, Duration.ofSeconds(60), source);
        WorkloadReport done;
        try (Workload workload = new Workload(WorkloadSettings.defaults(stack.route53().dnsAddress()),
                List.of(application(databaseName, 400)))) {
            workload.prepare();
            workload.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(Operation.values()).allMatch(op ->
                    workload.report().acks().stream().filter(ack -> ack.operation() == op).count() >= 5));
            workload.stop();
            done = workload.report();
        }
        assertThat(done.isFinal()).isTrue();
        WorkloadReconciliation.ApplicationFigures clean = reconcile(done);
        assertThat(clean.lostWrites()).as("lost: %s", clean.lost()).isZero();
        assertThat(clean.transferInvariant().holds()).as("%s", clean.transferInvariant()).isTrue();
        assertThat(clean.acknowledgedByOperation()).containsOnlyKeys("DELETE", "INSERT", "TRANSFER", "UPDATE");
        assertThat(clean.acknowledged()).isEqualTo(done.acknowledgedCount());
        assertThat(clean.clientErrors()).isZero();
        assertThat(clean.failedBeforeCommit()).isZero();
        assertThat(clean.inDoubt()).isZero();
        assertThat(clean.writeBlockedMs()).isEqualTo(done.longestGapBetweenAcksOf(APPLICATION).toMillis()).isPositive();

        // A row the workload inserted and never deleted, gone behind its back (not binlogged): one lost write, named.
        long kept = ownRowsStillThere(done).get(0);
        admin(stack.source(), "SET sql_log_bin=0", "DELETE FROM " + WritesTable.qualifiedName(schema) + " WHERE id=" + kept);
        WorkloadReconciliation.ApplicationFigures deleted = reconcile(done);
        assertThat(deleted.lostWrites()).isEqualTo(1);
        assertThat(deleted.lost()).singleElement().asString()
                .startsWith(WritesTable.NAME + " id=" + kept + ": acknowledged val=").endsWith(", found absent");
        try (Connection connection = stack.source().connect(stack.accounts().admin())) {
            assertThat(AcknowledgedWritesCheck.missing(connection, done)).containsExactly(kept);
        }

        // A balance changed behind its back: the transfers' sum no longer holds, and the account is named.
        admin(stack.source(), "SET sql_log_bin=0",
                "UPDATE " + WritesTable.table(schema, WritesTable.ACCOUNTS) + " SET balance = balance + 7 WHERE id = 2");
        WorkloadReconciliation.TransferInvariant broken = reconcile(done).transferInvariant();
        assertThat(broken.holds()).isFalse();
        assertThat(broken.foundSum()).isEqualTo(broken.expectedSum() + 7);
        assertThat(broken.differences()).singleElement().asString().startsWith("account 2: expected ");
    }

    @Test
    @Tag("issue-16")
    void commitsInDoubtAreRecordedAndResolvedByReadingTheirRows() throws Exception {
        // A socket timeout shorter than the table lock: writes waiting on it lose their connection mid-commit.
        WorkloadReport done = writesInDoubtUnderATableLock(Duration.ofMillis(400), WritesTable.qualifiedName(schema) + " WRITE",
                sql -> { });
        WorkloadReconciliation.ApplicationFigures figures = reconcile(done);
        List<WriteAttempt> inDoubt = done.attempts().stream().filter(a -> a.outcome() == WriteAttempt.Outcome.IN_DOUBT).toList();
        assertThat(figures.inDoubt()).isEqualTo(inDoubt.size()).isGreaterThanOrEqualTo(2);
        assertThat(figures.inDoubtResolvedCommitted() + figures.inDoubtResolvedNotCommitted()).isEqualTo(figures.inDoubt());
        // Each resolution is what the row says: read them here, independently.
        long committed = 0;
        try (Connection connection = stack.source().connect(stack.accounts().admin()); Statement sql = connection.createStatement()) {
            for (WriteAttempt attempt : inDoubt) {
                String query = switch (attempt.operation()) {
                    case INSERT -> "SELECT COUNT(*) FROM " + WritesTable.qualifiedName(schema) + " WHERE id=" + attempt.row();
                    case UPDATE -> "SELECT COUNT(*) FROM " + WritesTable.qualifiedName(schema) + " WHERE id=" + attempt.row()
                            + " AND val=" + attempt.id();
                    case DELETE -> "SELECT 1 - COUNT(*) FROM " + WritesTable.qualifiedName(schema) + " WHERE id=" + attempt.row();
                    case TRANSFER -> "SELECT COUNT(*) FROM " + WritesTable.table(schema, WritesTable.TRANSFERS) + " WHERE id="
                            + attempt.id();
                };
                try (ResultSet row = sql.executeQuery(query)) {
                    row.next();
                    committed += row.getLong(1);
                }
            }
        }
        assertThat(figures.inDoubtResolvedCommitted()).isEqualTo(committed);
        assertThat(figures.clientErrors()).isGreaterThanOrEqualTo(figures.inDoubt() + figures.failedBeforeCommit());
        assertThat(figures.lostWrites()).as("lost: %s", figures.lost()).isZero();
        assertThat(figures.transferInvariant().holds()).as("%s", figures.transferInvariant()).isTrue();
        assertThat(figures.writeBlockedMs()).isGreaterThanOrEqualTo(400);
    }

    @Test
    @Tag("issue-19")
    void writesTheServerKillsInFlightAreInDoubtNotFailedAndTheirRowsSayHowTheyEnded() throws Exception {
        // A socket timeout far longer than the lock: only the server's KILL QUERY (what a shutdown or a KILL does to a
        // statement: the server's error, the connection open) ends the waiting writes.
        WorkloadReport done = writesInDoubtUnderATableLock(Duration.ofSeconds(30), WritesTable.qualifiedName(schema) + " WRITE, "
                + WritesTable.table(schema, WritesTable.ACCOUNTS) + " WRITE", WorkloadIT::killWaitingWrites);
        WorkloadReconciliation.ApplicationFigures figures = reconcile(done);
        assertThat(done.errors()).as("the killed writes' errors").anyMatch(error -> error.errorCode() == 1317);
        assertThat(figures.inDoubt()).isGreaterThanOrEqualTo(2);
        assertThat(figures.inDoubtResolvedCommitted() + figures.inDoubtResolvedNotCommitted()).isEqualTo(figures.inDoubt());
        assertThat(figures.lostWrites()).as("lost: %s", figures.lost()).isZero();
        assertThat(figures.transferInvariant().holds()).as("%s", figures.transferInvariant()).isTrue();
    }

    /** What a test does with the table lock's session while it waits for writes in doubt. */
    private interface WhileLocked {
        void poll(Statement sql) throws SQLException;
    }

    /**
     * Runs the workload on the source (mixed writes, 200/s) with {@code socketTimeout}, locks {@code tables} once 50
     * writes were acknowledged, keeps the lock (calling {@code whileLocked} at each poll) until at least two attempts
     * are in doubt, unlocks, and returns the final report once the source acknowledged writes again.
     */
    private WorkloadReport writesInDoubtUnderATableLock(Duration socketTimeout, String tables, WhileLocked whileLocked)
            throws Exception {
        String databaseName = "db.storefront." + zone;
        upsert(databaseName, RRType.A, Duration.ofSeconds(60), source);
        WorkloadSettings settings = new WorkloadSettings(stack.route53().dnsAddress(), Duration.ofMillis(500),
                Duration.ofSeconds(1), socketTimeout, Duration.ofMillis(10), Duration.ofMillis(200));
        try (Workload workload = new Workload(settings, List.of(application(databaseName, 200)))) {
            workload.prepare();
            workload.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> workload.report().acknowledgedCount() >= 50);
            try (Connection locker = stack.source().connect(stack.accounts().admin()); Statement sql = locker.createStatement()) {
                sql.execute("LOCK TABLES " + tables);
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    whileLocked.poll(sql);
                    return workload.report().attempts().stream().filter(a -> a.outcome() == WriteAttempt.Outcome.IN_DOUBT).count() >= 2;
                });
                sql.execute("UNLOCK TABLES");
            }
            Instant unlockedAt = Instant.now();
            await().atMost(Duration.ofSeconds(10)).until(() -> !workload.report().acksOn(source, unlockedAt).isEmpty());
            workload.stop();
            return workload.report();
        }
    }

    /** KILL QUERY of every session waiting for the test's table lock. */
    private static void killWaitingWrites(Statement sql) throws SQLException {
        List<Long> waiting = new ArrayList<>();
        try (ResultSet sessions = sql.executeQuery("SELECT ID FROM information_schema.PROCESSLIST"
                + " WHERE STATE LIKE 'Waiting for table%lock' AND ID <> CONNECTION_ID()")) {
            while (sessions.next()) {
                waiting.add(sessions.getLong(1));
            }
        }
        for (long id : waiting) {
            sql.execute("KILL QUERY " + id);
        }
    }

    private WorkloadReconciliation.ApplicationFigures reconcile(WorkloadReport report) throws SQLException {
        try (Connection connection = stack.source().connect(stack.accounts().admin())) {
            return WorkloadReconciliation.reconcile(connection, report).get(APPLICATION);
        }
    }

    /** Rows of acknowledged, never doomed inserts, ascending. */
    private static List<Long> ownRowsStillThere(WorkloadReport report) {
        return report.attempts().stream().filter(a -> a.operation() == Operation.INSERT && !a.doomed()
                && a.outcome() == WriteAttempt.Outcome.ACKNOWLEDGED).map(WriteAttempt::row).toList();
    }

    private WorkloadApplication application(String databaseName, double writesPerSecond) {
        return WorkloadApplication.of(APPLICATION, databaseName, stack.source().port(), stack.accounts().app(), schema)
                .withThreads(2).withWritesPerSecond(writesPerSecond);
    }

    /** Inserts only: the tests above write to two servers that do not replicate to each other. */
    private Workload workload(String databaseName, double writesPerSecond) {
        return new Workload(WorkloadSettings.defaults(stack.route53().dnsAddress()),
                List.of(application(databaseName, writesPerSecond).withMix(WorkloadApplication.Mix.INSERTS)));
    }

    /** UPSERTs a simple record set and returns when the emulator accepted it (DNS answers it from then on). */
    private Instant upsert(String name, RRType type, Duration ttl, String value) {
        Change change = Change.builder().action(ChangeAction.UPSERT)
                .resourceRecordSet(rs -> rs.name(name).type(type).ttl(ttl.toSeconds())
                        .resourceRecords(ResourceRecord.builder().value(value).build()))
                .build();
        route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(batch -> batch.changes(change)));
        return Instant.now();
    }

    private void createWritesTableOn(DatabaseServer server) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin())) {
            WritesTable.create(connection, schema);
        }
    }

    private List<Long> missingOn(DatabaseServer server, WorkloadReport report, String acknowledgedBy)
            throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin())) {
            return AcknowledgedWritesCheck.missing(connection, report, acknowledgedBy);
        }
    }

    private void admin(DatabaseServer server, String... statements) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin()); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    private static long threadsAckedBy(WorkloadReport report, String server) {
        return report.acks().stream().filter(a -> a.server().equals(server)).map(Ack::thread).distinct().count();
    }
}
