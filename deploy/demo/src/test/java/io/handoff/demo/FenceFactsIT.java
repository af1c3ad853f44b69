package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.LocalReplication;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each measured fence fact reports a violation it is given (issue 16): a write of the old master's own past
 * the fence is counted by the binlog census; a second writable server makes the probes' overlap positive and
 * the "exactly one writable server" check fail; a row changed on one side without binlogging it is one row
 * difference, named. Against the JVM's local stack: the source replicating to the target, no services.
 */
@Tag("issue-16")
class FenceFactsIT {
    private static final String SCHEMA = "fence_facts";
    private static LocalStack stack;
    private static ServerPair pair;

    @BeforeAll
    static void replicate() throws Exception {
        stack = SharedLocalStack.get();
        pair = new ServerPair(stack);
        try (Connection admin = stack.source().connect(stack.accounts().admin()); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA);
            sql.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".t (id INT PRIMARY KEY, v VARCHAR(20))");
            sql.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".log (id BIGINT AUTO_INCREMENT PRIMARY KEY, at DATETIME(6))");
            sql.execute("REPLACE INTO " + SCHEMA + ".t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')");
        }
        WritableMastersWatch.createScratchTable(stack.source());
        WritableMastersWatch.createScratchTable(stack.target());
        new LocalReplication(stack.source(), stack.target()).seedAndReplicate(List.of(SCHEMA));
        pair.makeReadOnly("target");
        await().atMost(Duration.ofSeconds(30)).until(() -> pair.caughtUp("target"));
    }

    @Test
    void binlogCensusCountsTheOldMastersOwnTransactionsPastTheFenceAndOnlyThose() throws Exception {
        DatabaseServer oldMaster = stack.source();
        String fence = position(oldMaster);
        assertThat(BinlogCensus.of(oldMaster, stack.accounts().admin(), fence).count()).as("nothing written since").isZero();

        pair.execute("source", "FLUSH BINARY LOGS"); // the census must find the file that holds the fence
        pair.execute("source", "INSERT INTO " + SCHEMA + ".log (at) VALUES (NOW(6))"); // sql_log_bin=1: binlogged
        pair.execute("source", "INSERT INTO " + SCHEMA + ".log (at) VALUES (NOW(6))");

        BinlogCensus.Result census = BinlogCensus.of(oldMaster, stack.accounts().admin(), fence);
        assertThat(census.count()).as(census.toString()).isEqualTo(2);
        long fenceSeq = BinlogCensus.lastSeqByDomain(fence).get(0L);
        assertThat(census.gtids()).containsExactly("0-1-" + (fenceSeq + 1), "0-1-" + (fenceSeq + 2));
        assertThat(BinlogCensus.of(oldMaster, stack.accounts().admin(), position(oldMaster)).count())
                .as("a fence past both writes").isZero();
        assertThat(BinlogCensus.of(stack.target(), stack.accounts().admin(), position(stack.target())).count())
                .as("the replica logged the source's transactions, none of its own").isZero();

        BinlogCensus.Result unknown = BinlogCensus.of(oldMaster, stack.accounts().admin(), null);
        assertThat(unknown.count()).as("no fence position: unknown, never 0").isNull();
        DemoChecks checks = new DemoChecks().equal("oldMasterWritesAfterFence", 0L, unknown.count());
        assertThat(checks.allPassed()).isFalse();
    }

    @Test
    void writableOverlapIsZeroWithOneWritableServerAndCountsTheTimeBothAcceptedTheProbeWrite() throws Exception {
        String targetBefore = position(stack.target());
        WritableMastersWatch oneWritable = WritableMastersWatch.start(stack, ApplicationAddresses.direct(stack));
        await().atMost(Duration.ofSeconds(10)).until(() -> oneWritable.attemptsByServer().get(stack.target().host()).get(0) >= 30);
        oneWritable.close();
        assertThat(oneWritable.overlapMs()).as(oneWritable.violations().toString()).isZero();
        assertThat(oneWritable.attemptsByServer().get(stack.source().host()).get(1)).as("source accepted").isPositive();
        assertThat(oneWritable.attemptsByServer().get(stack.target().host()).get(1)).as("read-only target refused").isZero();

        WritableMastersWatch both = WritableMastersWatch.start(stack, ApplicationAddresses.direct(stack));
        try {
            pair.execute("target", "SET GLOBAL read_only = 0"); // the violation: a second writable server
            long accepted = both.attemptsByServer().get(stack.target().host()).get(1);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    both.attemptsByServer().get(stack.target().host()).get(1) >= accepted + 50);
        } finally {
            pair.makeReadOnly("target");
            both.close();
        }
        assertThat(both.overlapMs()).as("both accepted 50 probe writes in a row, 10 ms apart").isGreaterThanOrEqualTo(300);
        assertThat(both.violations()).isNotEmpty();

        try (Connection admin = stack.target().connect(stack.accounts().admin()); Statement sql = admin.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM " + WritableMastersWatch.SCRATCH_TABLE)) {
            rows.next();
            assertThat(rows.getLong(1)).as("the probe rolls its write back").isZero();
        }
        assertThat(BinlogCensus.of(stack.target(), stack.accounts().admin(), targetBefore).count())
                .as("the probe's writes never reach the target's binlog").isZero();
    }

    @Test
    void newMasterIsTheOneServerWritableToApplicationsAndItsCheckFailsWhenBothAre() throws Exception {
        Map<String, ServerState> states = ServerState.readBoth(stack);
        assertThat(ServerState.writable(states)).containsExactly(stack.source().host());
        assertThat(states.get(stack.target().host()).readOnly()).isTrue();
        assertThat(states.get(stack.target().host()).accountsLocked()).containsEntry(stack.accounts().app().user(), false);
        assertThat(states.get(stack.source().host()).endpointAdmits()).isTrue();

        try {
            pair.execute("target", "SET GLOBAL read_only = 0");
            Map<String, ServerState> bothWritable = ServerState.readBoth(stack);
            assertThat(ServerState.writable(bothWritable)).containsExactly(stack.source().host(), stack.target().host());
            assertThat(ServerState.onlyWritable(bothWritable)).as("no single new master").isNull();
            DemoChecks checks = new DemoChecks();
            DemoMain.checkFlip(checks, "flip", FenceChecksTest.outcome(ServerState.onlyWritable(bothWritable),
                    ServerState.writable(bothWritable), 0L, 0L, 0L), stack.target().host(), ApplicationAddresses.direct(stack));
            assertThat(checks.failed()).extracting(DemoChecks.Check::name).containsExactlyInAnyOrder(
                    "flip: servers writable to applications afterwards (read from the servers)",
                    "flip: master afterwards (read from the servers)");

            // The account lock fences the application as read_only does: read from mysql.global_priv.
            pair.executeUnlogged("target", "ALTER USER '" + stack.accounts().app().user() + "'@'%' ACCOUNT LOCK");
            Map<String, ServerState> locked = ServerState.readBoth(stack);
            assertThat(locked.get(stack.target().host()).accountsLocked()).containsEntry(stack.accounts().app().user(), true);
            assertThat(ServerState.onlyWritable(locked)).isEqualTo(stack.source().host());
        } finally {
            pair.executeUnlogged("target", "ALTER USER '" + stack.accounts().app().user() + "'@'%' ACCOUNT UNLOCK");
            pair.makeReadOnly("target");
        }
    }

    @Test
    void rowComparisonAtOneGtidPositionNamesARowChangedOnOneSideWhileTheMasterIsWritten() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (Connection admin = stack.source().connect(stack.accounts().admin()); Statement sql = admin.createStatement()) {
                while (writing.get()) {
                    sql.execute("INSERT INTO " + SCHEMA + ".log (at) VALUES (NOW(6))");
                    written.incrementAndGet();
                    Thread.sleep(2);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "master-writer");
        writer.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> written.get() > 100);
            RowComparison.Result equal = compare();
            assertThat(equal.rowDiffs()).as(equal.toString()).isZero();
            assertThat(equal.rowsCompared()).isGreaterThan(100);

            pair.executeUnlogged("target", "UPDATE " + SCHEMA + ".t SET v = 'drift' WHERE id = 3");
            RowComparison.Result drifted = compare();
            assertThat(drifted.rowDiffs()).as(drifted.toString()).isEqualTo(1);
            assertThat(drifted.keys()).containsExactly(SCHEMA + ".t:'3'");
        } finally {
            writing.set(false);
            writer.join(5000);
            pair.executeUnlogged("target", "UPDATE " + SCHEMA + ".t SET v = 'c' WHERE id = 3");
        }
        assertThat(compare().rowDiffs()).isZero();
        await("replication runs again after each comparison").atMost(Duration.ofSeconds(10))
                .until(() -> pair.replicaOf("target"), state -> state.equals(stack.source().host() + " Yes Yes"));
    }

    private static RowComparison.Result compare() {
        return RowComparison.compare(stack.source(), stack.target(), stack.accounts().admin(), List.of(SCHEMA));
    }

    private static String position(DatabaseServer server) throws SQLException {
        try (Connection admin = server.connect(stack.accounts().admin()); Statement sql = admin.createStatement();
                ResultSet row = sql.executeQuery(server.flavor().isMySql() ? "SELECT @@GLOBAL.gtid_executed"
                        : "SELECT @@GLOBAL.gtid_binlog_pos")) {
            row.next();
            return row.getString(1);
        }
    }
}
