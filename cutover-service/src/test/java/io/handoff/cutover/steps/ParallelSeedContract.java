package io.handoff.cutover.steps;

import static io.handoff.cutover.support.StepEventAssertions.fact;
import static io.handoff.cutover.support.StepEventAssertions.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.cutover.support.Plan;
import io.handoff.cutover.support.SeedSchema;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.testing.StepCommandBus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SEED by the parallel method through Kafka on the stack's real servers: what it copies ({@link SeedSchema}: every
 * type, object and corner a seed must carry), from one consistent snapshot whose position replication then starts
 * from, under concurrent writes. One subclass per server flavour; each test starts from two stand-alone servers.
 */
abstract class ParallelSeedContract {
    private static final String A = "source";
    private static final String B = "target";

    protected final LocalStack stack = SharedLocalStack.get();
    private final Plan plan = new Plan();
    protected final SeedSchema schema = new SeedSchema("pseed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
            stack.accounts().admin());
    protected StepCommandBus bus;

    /** Two writable stand-alone servers: no replication, no GTID history. */
    protected abstract void standalone() throws SQLException;

    /** Asserts that loading the seed wrote nothing of the target's own to its GTID history. */
    protected abstract void assertNoGtidOfTheTargetsOwn(String position) throws SQLException;

    /** Asserts that the seed wrote its rows the fastest way the target allows. */
    protected abstract void assertRowsWrittenTheFastestWay() throws SQLException;

    /**
     * The seed took no table lock on the source ({@code LOCK TABLES}, which blocks the applications' writes until it is
     * released, and waits behind any open transaction that wrote the table); checked where the source counts its
     * statements (MySQL's performance_schema; the stack's MariaDB runs without it).
     */
    protected void assertNoTableLockedOnTheSource() throws SQLException {
    }

    @BeforeEach
    void standAloneServers() throws SQLException {
        standalone();
        bus = new StepCommandBus(stack.kafka().bootstrapServers());
    }

    @AfterEach
    void standAloneAgainWithoutTheSchema() throws SQLException {
        bus.close();
        standalone();
        for (DatabaseServer server : List.of(stack.source(), stack.target())) {
            admin(server, "DROP DATABASE IF EXISTS " + schema.name());
        }
        standalone();
    }

    @Test
    void parallelSeedCopiesEveryTypeAndObjectIntactThenReplicationStartsAtItsSnapshot() throws Exception {
        schema.create(stack.source());

        StepEvent seed = succeeded(bus.run(seedCommand()));

        assertThat(fact(seed, StepParams.FACT_METHOD)).isEqualTo("parallel");
        assertThat(((Number) fact(seed, StepParams.FACT_ROWS)).longValue()).isEqualTo(schema.rows(stack.source()))
                .isGreaterThan(SeedSchema.BIG_ROWS);
        assertThat(((Number) fact(seed, StepParams.FACT_SEED_CHUNKS)).longValue()).as("the big table split by its key")
                .isGreaterThan(schema.checksums(stack.source()).size());
        assertThat(((Number) fact(seed, StepParams.FACT_SEED_LOCK_MS)).longValue()).isNotNegative();
        assertThat(((Number) fact(seed, StepParams.FACT_SEED_INDEXES_BUILT_AFTER)).intValue())
                .as("big's two plain keys built after its rows; child's key stays: its foreign key needs it")
                .isEqualTo(2);
        assertThat(Json.toJson(bus.eventsOf(seed.commandId()))).doesNotContain(stack.accounts().admin().password());
        List<StepEvent> progress = bus.eventsOf(seed.commandId()).stream()
                .filter(event -> event.kind() == io.handoff.common.event.StepEventKind.PROGRESS).toList();
        assertThat(progress).as("progress reported while the rows were copied").isNotEmpty()
                .allSatisfy(event -> assertThat(event.occurredAt()).isBefore(seed.occurredAt()));
        assertThat(progress).extracting(event -> ((Number) event.facts().get("rows")).longValue()).as("rows so far").isSorted()
                .allSatisfy(rows -> assertThat(rows).isBetween(0L, (long) SeedSchema.BIG_ROWS + 100));
        assertThat(progress.get(progress.size() - 1).facts()).containsKeys("bytes", "rowsPerSecond", "estimatedRows", "chunksDone",
                "chunksTotal", "tables");
        assertThat(progress.get(progress.size() - 1).facts().get("tables").toString()).contains(schema.name() + ".big=");
        assertThat(schema.definitions(stack.target())).isEqualTo(schema.definitions(stack.source()));
        assertThat(schema.mixedRows(stack.target())).as("every value of every type").isEqualTo(schema.mixedRows(stack.source()));
        assertThat(schema.checksums(stack.target())).as("every table's checksum").isEqualTo(schema.checksums(stack.source()));
        assertThat(schema.objects(stack.target())).isEqualTo(schema.objects(stack.source())).hasSize(8);
        assertThat(schema.eventStatuses(stack.source())).containsExactly("hourly ENABLED", "nightly DISABLED");
        assertThat(schema.eventStatuses(stack.target())).as("an event enabled on the source does not run on the replica")
                .containsExactly("hourly DISABLED ON REPLICA", "nightly DISABLED");
        assertRowsWrittenTheFastestWay();
        assertNoTableLockedOnTheSource();
        String position = (String) fact(seed, StepParams.FACT_POSITION);
        assertNoGtidOfTheTargetsOwn(position);

        startReplicationAt(position);
        convergesAfterMoreWrites();
    }

    @Test
    void parallelSeedTakenWhileTheSourceIsWrittenReplicatesEveryLaterWriteExactlyOnce() throws Exception {
        schema.create(stack.source());
        admin(stack.source(), "CREATE TABLE " + schema.name() + ".busy (id BIGINT PRIMARY KEY, payload VARCHAR(40))");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (Connection connection = stack.source().connect(stack.accounts().admin());
                    Statement sql = connection.createStatement()) {
                while (writing.get()) {
                    long id = written.get() + 1;
                    sql.executeUpdate("INSERT INTO " + schema.name() + ".busy VALUES (" + id + ", 'row " + id + "')");
                    sql.executeUpdate("UPDATE " + schema.name() + ".big SET n = " + id + " WHERE id = " + (id * 7919 % SeedSchema.BIG_ROWS + 1));
                    written.set(id);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "parallel-seed-it-writer");
        writer.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> written.get() >= 20);

            StepEvent seed = succeeded(bus.run(seedCommand()));
            startReplicationAt(fact(seed, StepParams.FACT_POSITION));
            long atSeedEnd = written.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> written.get() >= atSeedEnd + 20);
        } finally {
            writing.set(false);
            writer.join(10_000);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(schema.checksums(stack.target())).isEqualTo(schema.checksums(stack.source())));
        assertThat(value(stack.target(), "SELECT CONCAT(COUNT(*), ':', MIN(id), ':', MAX(id)) FROM " + schema.name() + ".busy"))
                .isEqualTo(written.get() + ":1:" + written.get());
    }

    /**
     * A seed cut part-way goes on from the chunks it finished: a chunk's ledger row on the target is held locked, so the
     * worker that finished that chunk waits to mark it done, and its session is then killed, failing the seed with other
     * chunks done. The source changes in a done chunk before the next attempt, which keeps the unchanged chunks, copies
     * the changed one again and the rest once, and reports the new snapshot's position, from which replication is exact.
     */
    @Test
    void parallelSeedCutPartWayGoesOnFromTheChunksItFinished() throws Exception {
        long[] doneOfAll = cutTheSeedPartWay();
        long done = doneOfAll[0];
        long all = doneOfAll[1];
        admin(stack.source(), "UPDATE " + schema.name() + ".big SET v = 'after the cut' WHERE id = 2");

        StepEvent seed = succeeded(bus.run(seedCommand()));

        assertThat(((Number) fact(seed, StepParams.FACT_SEED_CHUNKS_RECOPIED)).longValue()).as("the chunk changed since").isEqualTo(1);
        assertThat(((Number) fact(seed, StepParams.FACT_SEED_CHUNKS_KEPT)).longValue()).as("done chunks kept").isEqualTo(done - 1);
        assertThat(((Number) fact(seed, StepParams.FACT_SEED_CHUNKS)).longValue()).as("chunks copied: the changed one and the rest")
                .isEqualTo(all - done + 1);
        assertThat(value(stack.target(), "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'handoff_seed'"))
                .as("the ledger is dropped").isEqualTo("0");
        assertThat(schema.definitions(stack.target())).isEqualTo(schema.definitions(stack.source()));
        assertThat(schema.mixedRows(stack.target())).isEqualTo(schema.mixedRows(stack.source()));
        assertThat(schema.checksums(stack.target())).as("every table's checksum").isEqualTo(schema.checksums(stack.source()));
        assertThat(schema.objects(stack.target())).isEqualTo(schema.objects(stack.source())).hasSize(8);
        String position = (String) fact(seed, StepParams.FACT_POSITION);
        assertNoGtidOfTheTargetsOwn(position);

        startReplicationAt(position);
        convergesAfterMoreWrites();
    }

    /**
     * DDL on the source between a cut seed and its next attempt lies before the next snapshot's position, where
     * replication starts: an index added to a table with chunks done, a table created and a view dropped in between reach
     * the target only because the next attempt finds the source's definitions changed since its ledger recorded them,
     * starts over with them and drops the view the first attempt created. Resumed instead, the target would keep the
     * first attempt's definitions for good.
     */
    @Test
    void aSeedCutPartWayThenDdlOnTheSourceStartsOverWithTheNewDefinitions() throws Exception {
        long all = cutTheSeedPartWay()[1];
        String between = schema.name() + ".created_between_attempts";
        admin(stack.source(), "CREATE INDEX by_v ON " + schema.name() + ".big (v)",
                "CREATE TABLE " + between + " (id INT PRIMARY KEY, note VARCHAR(40))",
                "INSERT INTO " + between + " VALUES (1, 'between the attempts')",
                "DROP VIEW " + schema.name() + ".mixed_names");

        StepEvent seed = succeeded(bus.run(seedCommand()));

        assertThat(schema.definitions(stack.target())).as("every table's definition, the new index and table among them")
                .isEqualTo(schema.definitions(stack.source())).anyMatch(definition -> definition.contains("`by_v`"));
        assertThat(schema.objects(stack.target())).as("views, routines, events, triggers").isEqualTo(schema.objects(stack.source()))
                .noneMatch(object -> object.startsWith("VIEW | mixed_names"));
        assertThat(schema.checksums(stack.target())).as("every table's checksum").isEqualTo(schema.checksums(stack.source()))
                .containsKey("created_between_attempts");
        assertThat(seed.facts()).as("started over: no chunk kept or copied again")
                .doesNotContainKeys(StepParams.FACT_SEED_CHUNKS_KEPT, StepParams.FACT_SEED_CHUNKS_RECOPIED);
        assertThat(((Number) fact(seed, StepParams.FACT_SEED_CHUNKS)).longValue()).as("chunks copied: all, the new table's too")
                .isGreaterThan(all);

        startReplicationAt(fact(seed, StepParams.FACT_POSITION));
        convergesAfterMoreWrites("INSERT INTO " + between + " VALUES (2, 'after the seed')");
    }

    /**
     * Tables altered, created or dropped on the source between a cut seed and its next attempt (DDL before the next
     * snapshot's position, which replication would never bring) are copied anew, dropped and created again as the source
     * has them, while the chunks of every other table go on: the chunks done before the cut on tables that did not change
     * are kept, not copied again.
     */
    @Test
    void aSeedCutPartWayThenTablesChangedOnTheSourceCopiesOnlyThoseAnew() throws Exception {
        cutTheSeedPartWay();
        long doneOnTablesUnchanged = Long.parseLong(value(stack.target(), "SELECT COUNT(*) FROM handoff_seed.chunks WHERE done"
                + " AND table_name NOT IN ('composite', 'audit', 'child')"));
        String between = schema.name() + ".created_between_attempts";
        // The new table's zero-date default is created as the source's permissive sql_mode allowed it, and must be so on
        // the target, where the seed creates it in its own session.
        admin(stack.source(), "ALTER TABLE " + schema.name() + ".composite ADD COLUMN added_between INT NOT NULL DEFAULT 7",
                "CREATE INDEX by_what ON " + schema.name() + ".audit (what)",
                "SET SESSION sql_mode = ''",
                "CREATE TABLE " + between + " (id INT PRIMARY KEY, note VARCHAR(40),"
                        + " since DATETIME NOT NULL DEFAULT '0000-00-00 00:00:00')",
                "INSERT INTO " + between + " (id, note) VALUES (1, 'between the attempts')",
                "DROP TABLE " + schema.name() + ".child");

        StepEvent seed = succeeded(bus.run(seedCommand()));

        assertThat(schema.definitions(stack.target())).as("every table's definition, the changed ones among them")
                .isEqualTo(schema.definitions(stack.source())).anyMatch(definition -> definition.contains("`added_between`"))
                .anyMatch(definition -> definition.contains("`by_what`"))
                .anyMatch(definition -> definition.contains("DEFAULT '0000-00-00 00:00:00'"));
        assertThat(schema.objects(stack.target())).as("views, routines, events, triggers").isEqualTo(schema.objects(stack.source()));
        assertThat(schema.checksums(stack.target())).as("every table's checksum").isEqualTo(schema.checksums(stack.source()))
                .containsKey("created_between_attempts").doesNotContainKey("child");
        assertThat(doneOnTablesUnchanged).as("chunks done before the cut on tables that did not change").isPositive();
        assertThat(((Number) fact(seed, StepParams.FACT_SEED_CHUNKS_KEPT)).longValue()).as("those chunks, kept")
                .isEqualTo(doneOnTablesUnchanged);

        startReplicationAt(fact(seed, StepParams.FACT_POSITION));
        convergesAfterMoreWrites("INSERT INTO " + between + " (id, note, since) VALUES (2, 'after the seed', '2026-12-08 01:00:00')",
                "UPDATE " + schema.name() + ".composite SET added_between = 8 WHERE a = 1");
    }

    /**
     * DDL committed the moment the seed's snapshot opens, before the seed copies the definitions, lies after the
     * snapshot's position, where replication starts: here a {@code CREATE VIEW} waits behind the snapshot's
     * {@code FLUSH TABLES WITH READ LOCK} (itself held up by a table the test keeps locked) and commits as soon as the
     * snapshot is open. Copied with the definitions, the view would be created a second time by replication, which would
     * stop on it. The seed finds the source's definitions changed since it read them just before its snapshot, and begins
     * again with a new one.
     */
    @Test
    void aViewCreatedTheMomentTheSnapshotOpensReachesTheTargetOnce() throws Exception {
        schema.create(stack.source());
        String held = schema.name() + ".held_for_the_snapshot";
        String view = schema.name() + ".created_at_the_snapshot";
        admin(stack.source(), "CREATE TABLE " + held + " (id INT PRIMARY KEY)");
        java.util.concurrent.CompletableFuture<StepEvent> running;
        java.util.concurrent.CompletableFuture<Void> create;
        try (Connection holder = stack.source().connect(stack.accounts().admin()); Statement sql = holder.createStatement()) {
            sql.execute("LOCK TABLES " + held + " WRITE");
            running = seedInBackground();
            await("the snapshot's FLUSH TABLES WITH READ LOCK waits for the locked table").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(5)).until(() -> valueOrNull(stack.source(), "SELECT ID FROM"
                            + " information_schema.PROCESSLIST WHERE INFO = 'FLUSH TABLES WITH READ LOCK'") != null);
            create = adminInBackground("CREATE VIEW " + view + " AS SELECT id FROM " + held);
            await("the CREATE VIEW waits behind it").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> valueOrNull(stack.source(), "SELECT ID FROM information_schema.PROCESSLIST"
                            + " WHERE INFO LIKE 'CREATE VIEW %created_at_the_snapshot%'") != null);
            sql.execute("UNLOCK TABLES");
        }
        create.get(60, java.util.concurrent.TimeUnit.SECONDS);
        StepEvent seed = succeeded(running.get(120, java.util.concurrent.TimeUnit.SECONDS));

        assertThat(schema.objects(stack.target())).as("views, routines, events, triggers").isEqualTo(schema.objects(stack.source()))
                .anyMatch(object -> object.startsWith("VIEW | created_at_the_snapshot"));
        startReplicationAt(fact(seed, StepParams.FACT_POSITION));
        convergesAfterMoreWrites("INSERT INTO " + held + " VALUES (1)");
        assertThat(value(stack.target(), "SELECT COUNT(*) FROM " + view)).as("the view, on the target, over the replicated row")
                .isEqualTo("1");
    }

    /**
     * DDL on a table the seed has read waits until the seed's snapshot ends (its sessions hold the table's metadata lock),
     * and every later statement on that table waits behind it: the seed names the waiting session in its progress within
     * its watch's second, so that the operator can end it. Here the test ends it, and the seed completes.
     */
    @Test
    void ddlWaitingForTheSeedsMetadataLockIsNamedInTheSeedsProgress() throws Exception {
        schema.create(stack.source());
        io.handoff.common.event.StepCommand command = seedCommand();
        java.util.concurrent.CompletableFuture<StepEvent> running = seedInBackground(command);
        String alterWaits = "SELECT ID FROM information_schema.PROCESSLIST WHERE STATE = 'Waiting for table metadata lock'"
                + " AND INFO LIKE 'ALTER TABLE %big%'";
        java.util.concurrent.CompletableFuture<Void> alter;
        try (Connection holder = stack.target().connect(stack.accounts().admin())) {
            String waiting = holdTheLastChunk(holder);
            await().atMost(Duration.ofSeconds(60)).until(() -> Long.parseLong(value(stack.target(),
                    "SELECT COUNT(*) FROM handoff_seed.chunks WHERE table_name = 'big' AND key_from IS NULL AND done")) == 1
                    && valueOrNull(stack.target(), waiting) != null);
            alter = adminInBackground("ALTER TABLE " + schema.name() + ".big ADD COLUMN added_during_seed INT");
            String session = await("the ALTER waits for the seed's metadata lock").atMost(Duration.ofSeconds(30))
                    .until(() -> valueOrNull(stack.source(), alterWaits), java.util.Objects::nonNull);
            awaitProgressNaming(command, session);
            admin(stack.source(), "KILL QUERY " + session);
            holder.rollback();
        }
        assertThat(alter).as("the ALTER, ended").failsWithin(Duration.ofSeconds(30));
        succeeded(running.get(120, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(schema.checksums(stack.target())).as("every table's checksum").isEqualTo(schema.checksums(stack.source()));
    }

    /**
     * DDL that waits for the seed's metadata locks longer than {@code handoff.cutover.seed-yield-to-ddl-after} (10 s)
     * holds every later statement on its table too: the seed gives way. Here an {@code ALTER TABLE} on a table the
     * snapshot has read completes while one of the seed's workers is still held (the seed ended its snapshot for it), and
     * the seed goes on from its finished chunks with a new snapshot, copying the altered table anew, so that the target
     * has the new column and replication from the seed's position converges.
     */
    @Test
    void ddlWaitingForTheSeedsMetadataLockTooLongRunsAndTheSeedGoesOnWithTheTableAnew() throws Exception {
        schema.create(stack.source());
        java.util.concurrent.CompletableFuture<StepEvent> running = seedInBackground();
        try (Connection holder = stack.target().connect(stack.accounts().admin())) {
            String waiting = holdTheLastChunk(holder);
            await().atMost(Duration.ofSeconds(60)).until(() -> Long.parseLong(value(stack.target(),
                    "SELECT COUNT(*) FROM handoff_seed.chunks WHERE table_name = 'big' AND key_from IS NULL AND done")) == 1
                    && valueOrNull(stack.target(), waiting) != null);
            java.util.concurrent.CompletableFuture<Void> alter = adminInBackground("ALTER TABLE " + schema.name()
                    + ".big ADD COLUMN added_during_seed INT NOT NULL DEFAULT 3");
            assertThat(alter).as("the ALTER, run once the seed gave way").succeedsWithin(Duration.ofSeconds(90));
            assertThat(running).as("the seed, still held by the test").isNotDone();
            holder.rollback();
        }
        seedsTheColumnAddedDuringItThenConverges(running, "UPDATE " + schema.name() + ".big SET added_during_seed = 4 WHERE id = 1");
    }

    /**
     * DDL on a schema the seed does not copy, waiting for a metadata lock some other session holds, is none of the seed's
     * doing: the seed names the waiting session in its progress (an operator may still want to know) but never gives way
     * to it, however long it waits. Here the other schema's name begins with the seeded one's ({@code <seeded>_archive}),
     * which a substring match took for the seeded schema: the seed ended its snapshot and opened a new one (its
     * {@code FLUSH TABLES WITH READ LOCK} then queued behind that DDL's global lock). Counted on the source: no second
     * {@code FLUSH} while the DDL waited past {@code handoff.cutover.seed-yield-to-ddl-after} (10 s) and the 10 s a seed
     * that gives way waits for the DDL to end before it opens its new snapshot.
     */
    @Test
    void ddlWaitingOnAnotherSchemasLockNeverMakesTheSeedGiveWay() throws Exception {
        schema.create(stack.source());
        String other = schema.name() + "_archive";
        admin(stack.source(), "CREATE DATABASE " + other, "CREATE TABLE " + other + ".kept (id INT PRIMARY KEY)");
        try {
            io.handoff.common.event.StepCommand command = seedCommand();
            java.util.concurrent.CompletableFuture<StepEvent> running = seedInBackground(command);
            try (Connection holder = stack.target().connect(stack.accounts().admin());
                    Connection reader = stack.source().connect(stack.accounts().admin())) {
                String waiting = holdTheLastChunk(holder);
                await().atMost(Duration.ofSeconds(60)).until(() -> valueOrNull(stack.target(), waiting) != null);
                reader.setAutoCommit(false);
                try (Statement read = reader.createStatement(); var rows = read.executeQuery("SELECT COUNT(*) FROM " + other + ".kept")) {
                    rows.next();
                }
                long flushes = flushesOnTheSource();
                java.util.concurrent.CompletableFuture<Void> alter = adminInBackground("ALTER TABLE " + other
                        + ".kept ADD COLUMN added_elsewhere INT");
                String alterWaits = "SELECT ID FROM information_schema.PROCESSLIST WHERE STATE = 'Waiting for table metadata lock'"
                        + " AND INFO LIKE 'ALTER TABLE %_archive.kept%'";
                String session = await("the ALTER waits for the reader's metadata lock").atMost(Duration.ofSeconds(30))
                        .until(() -> valueOrNull(stack.source(), alterWaits), java.util.Objects::nonNull);
                awaitProgressNaming(command, session);
                await("the ALTER waits past the seed's give-way setting and its wait for the DDL to end").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250)).until(() -> Long.parseLong(java.util.Objects.requireNonNullElse(
                                valueOrNull(stack.source(), "SELECT TIME FROM information_schema.PROCESSLIST WHERE ID = " + session),
                                "0")) >= 26);
                assertThat(flushesOnTheSource()).as("FLUSH statements on the source: no new snapshot").isEqualTo(flushes);
                assertThat(running).as("the seed, still held by the test").isNotDone();
                reader.rollback();
                assertThat(alter).as("the ALTER, once the reader ended").succeedsWithin(Duration.ofSeconds(30));
                holder.rollback();
            }
            succeeded(running.get(120, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(schema.checksums(stack.target())).as("every table's checksum").isEqualTo(schema.checksums(stack.source()));
            assertThat(value(stack.target(), "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + other + "'"))
                    .as("the other schema, not seeded").isEqualTo("0");
        } finally {
            admin(stack.source(), "DROP DATABASE IF EXISTS " + other);
        }
    }

    /**
     * {@code FLUSH TABLES WITH READ LOCK} waits for every statement under way on the tables (and, pending, holds back every
     * new write): asked for while a report runs for minutes, it would stop the applications' writes for minutes. The seed
     * asks for it once no statement has been running a second or longer. Here an {@code UPDATE} runs 10 s when the seed
     * begins (a write: MySQL's lock waits for long reads too, MariaDB's for writes only): no {@code FLUSH} reaches the
     * source while it runs (counted on the source, once the seed's sessions are open there, waiting for their snapshot),
     * other writes on the source go through meanwhile, and the seed completes once the {@code UPDATE} has ended.
     */
    @Test
    void aStatementRunningLongOnTheSourceHoldsTheSnapshotBackNotTheWrites() throws Exception {
        schema.create(stack.source());
        String report = schema.name() + ".updated_long";
        String written = schema.name() + ".written_meanwhile";
        admin(stack.source(), "CREATE TABLE " + report + " (id INT PRIMARY KEY)", "INSERT INTO " + report + " VALUES (1)",
                "CREATE TABLE " + written + " (id INT PRIMARY KEY)");
        String sessions = "SELECT COUNT(*) FROM information_schema.PROCESSLIST";
        long before = Long.parseLong(value(stack.source(), sessions));
        long flushes = flushesOnTheSource();
        java.util.concurrent.CompletableFuture<Void> longUpdate = adminInBackground("UPDATE " + report + " SET id = id WHERE SLEEP(10) = 0");
        await("the long UPDATE has run a second").atMost(Duration.ofSeconds(10)).until(() -> valueOrNull(stack.source(),
                "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE %SLEEP(10)%' AND TIME >= 1") != null);
        java.util.concurrent.CompletableFuture<StepEvent> running = seedInBackground();
        await("the seed's sessions open on the source, waiting for their snapshot").atMost(Duration.ofSeconds(8))
                .pollInterval(Duration.ofMillis(50)).until(() -> Long.parseLong(value(stack.source(), sessions)) >= before + 1 + 5);
        try (Connection writer = stack.source().connect(stack.accounts().admin()); Statement sql = writer.createStatement()) {
            sql.execute("SET SESSION lock_wait_timeout = 5");
            for (int id = 1; id <= 3; id++) {
                sql.execute("INSERT INTO " + written + " VALUES (" + id + ")");
                Thread.sleep(300);
            }
        }
        assertThat(flushesOnTheSource()).as("FLUSH statements on the source while the UPDATE runs").isEqualTo(flushes);
        assertThat(longUpdate).as("the long UPDATE, still running: the seed waited for it").isNotDone();
        assertThat(longUpdate).succeedsWithin(Duration.ofSeconds(15));
        succeeded(running.get(120, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(flushesOnTheSource()).as("FLUSH statements on the source once the UPDATE ended").isGreaterThan(flushes);
        assertThat(schema.checksums(stack.target())).as("every table's checksum, the rows written meanwhile among them")
                .isEqualTo(schema.checksums(stack.source())).containsKey("written_meanwhile");
    }

    /**
     * An event enabled on the source must never run on the seeded target, not even once between its creation there and
     * the seed setting it off: a row the target wrote itself takes the next key of the table's {@code AUTO_INCREMENT}
     * (which the definitions carry over), the source's own next row then collides with it, and replication stops. Read
     * from the target's general log: every {@code CREATE EVENT} it ran for the seeded schema created the event kept off;
     * and with the target's event scheduler on, no row of the source's one-second event is the target's own.
     */
    @Test
    void anEventEnabledOnTheSourceIsCreatedOnTheTargetKeptOff() throws Exception {
        schema.create(stack.source());
        String ticks = schema.name() + ".ticks";
        admin(stack.source(), "CREATE TABLE " + ticks + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, server_id INT UNSIGNED NOT NULL)",
                "INSERT INTO " + ticks + " (server_id) VALUES (@@server_id)",
                "CREATE EVENT " + schema.name() + ".tick ON SCHEDULE EVERY 1 SECOND DO INSERT INTO " + ticks
                        + " (server_id) VALUES (@@server_id)");
        String scheduler = value(stack.target(), "SELECT @@GLOBAL.event_scheduler");
        String output = value(stack.target(), "SELECT @@GLOBAL.log_output");
        // Unbinlogged: a transaction of the target's own would make the seed refuse it.
        admin(stack.target(), "SET SESSION sql_log_bin = 0", "SET GLOBAL event_scheduler = ON", "TRUNCATE TABLE mysql.general_log",
                "SET GLOBAL log_output = 'TABLE'", "SET GLOBAL general_log = 'ON'");
        try {
            succeeded(bus.run(seedCommand()));
            admin(stack.target(), "SET GLOBAL general_log = 'OFF'");
            List<String> created = new java.util.ArrayList<>();
            try (Connection connection = stack.target().connect(stack.accounts().admin()); Statement sql = connection.createStatement();
                    var row = sql.executeQuery("SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log WHERE command_type"
                            + " = 'Query' AND CONVERT(argument USING utf8mb4) LIKE '%CREATE%EVENT%tick%'")) {
                while (row.next()) {
                    created.add(row.getString(1));
                }
            }
            assertThat(created).as("the CREATE EVENT statements the target ran for the seeded event").isNotEmpty()
                    .allMatch(statement -> statement.contains("DISABLE ON SLAVE"))
                    .noneMatch(statement -> statement.matches("(?s).*PRESERVE\\s+ENABLE\\b.*"));
            Thread.sleep(2_500);
            assertThat(value(stack.target(), "SELECT COUNT(*) FROM " + ticks + " WHERE server_id = @@server_id"))
                    .as("rows the target's scheduler wrote itself").isEqualTo("0");
        } finally {
            admin(stack.target(), "SET SESSION sql_log_bin = 0", "SET GLOBAL general_log = 'OFF'", "SET GLOBAL log_output = '" + output + "'",
                    "SET GLOBAL event_scheduler = " + scheduler, "TRUNCATE TABLE mysql.general_log");
        }
    }

    /** Waits until the running seed of {@code command} names {@code session} in its progress as waiting for a metadata lock. */
    private void awaitProgressNaming(io.handoff.common.event.StepCommand command, String session) {
        await("the seed's progress names the waiting session").atMost(Duration.ofSeconds(30)).until(() ->
                bus.eventsOf(command.commandId()).stream()
                        .filter(event -> event.kind() == io.handoff.common.event.StepEventKind.PROGRESS)
                        .anyMatch(event -> String.valueOf(event.facts().get("waitingForMetadataLock"))
                                .contains("session " + session + " (")));
    }

    /** The source's count of FLUSH statements since it started: each snapshot the seed opens takes one. */
    private long flushesOnTheSource() throws SQLException {
        try (Connection connection = stack.source().connect(stack.accounts().admin()); Statement sql = connection.createStatement();
                var row = sql.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_flush'")) {
            row.next();
            return row.getLong(2);
        }
    }

    /**
     * DDL that rebuilds a table the seed's snapshot has not read yet does not wait (the snapshot holds no lock on it), and
     * the snapshot cannot read that table any more ("Table definition has changed"). Here every worker is held once it has
     * copied its first chunk while {@code composite}, not read yet, gains a column by a rebuild: the seed goes on from its
     * finished chunks with a new snapshot, copying that table anew, instead of failing.
     */
    @Test
    void aTableRebuiltOnTheSourceBeforeTheSeedReadItIsCopiedAnewFromANewSnapshot() throws Exception {
        schema.create(stack.source());
        java.util.concurrent.CompletableFuture<StepEvent> running = seedInBackground();
        try (Connection holder = stack.target().connect(stack.accounts().admin())) {
            awaitTheLedger();
            holder.setAutoCommit(false);
            try (Statement hold = holder.createStatement();
                    var locked = hold.executeQuery("SELECT COUNT(*) FROM handoff_seed.chunks WHERE NOT done FOR UPDATE")) {
                locked.next();
            }
            String copying = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'LOAD DATA%'"
                    + " OR INFO LIKE 'INSERT INTO `" + schema.name() + "`%'";
            String marking = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE handoff_seed.chunks%'";
            await("every worker waits to mark its first chunk done").atMost(Duration.ofSeconds(60)).until(() ->
                    Long.parseLong(value(stack.target(), marking)) == 4 && Long.parseLong(value(stack.target(), copying)) == 0);
            assertThat(value(stack.target(), "SELECT COUNT(*) FROM handoff_seed.chunks WHERE table_name = 'composite' AND done"))
                    .as("composite, not copied yet").isEqualTo("0");
            admin(stack.source(), "ALTER TABLE " + schema.name() + ".composite ADD COLUMN added_during_seed INT NOT NULL DEFAULT 5,"
                    + " FORCE");
            holder.rollback();
        }
        seedsTheColumnAddedDuringItThenConverges(running,
                "UPDATE " + schema.name() + ".composite SET added_during_seed = 6 WHERE a = 1");
    }

    /**
     * DDL on the source while the rows are copied (a worker held by a lock on its chunk's ledger row): a trigger and a
     * table created then are after the snapshot's position, so they reach the target by replication, once. A trigger read
     * at the seed's end instead would be created by the seed too, and replication would stop on it.
     */
    @Test
    void aTriggerAndATableCreatedOnTheSourceDuringTheSeedReachTheTargetOnceByReplication() throws Exception {
        schema.create(stack.source());
        java.util.concurrent.CompletableFuture<StepEvent> running = seedInBackground();
        String trigger = "during_seed";
        String later = schema.name() + ".created_during_seed";
        try (Connection holder = stack.target().connect(stack.accounts().admin())) {
            String waiting = holdTheLastChunk(holder);
            await("a worker waits to mark the held chunk done").atMost(Duration.ofSeconds(60))
                    .until(() -> valueOrNull(stack.target(), waiting) != null);
            // On a table the snapshot's sessions have not read: DDL on one they have waits for their metadata locks,
            // which they hold until the seed ends.
            admin(stack.source(), "CREATE TABLE " + later + " (id INT PRIMARY KEY, note VARCHAR(40))",
                    "INSERT INTO " + later + " VALUES (1, 'during the seed')",
                    "CREATE TRIGGER " + schema.name() + "." + trigger + " BEFORE INSERT ON " + later
                            + " FOR EACH ROW SET NEW.note = CONCAT(NEW.note, ' (triggered)')");
            assertThat(running).as("the seed waits for the held chunk").isNotDone();
            holder.rollback();
        }
        StepEvent seed = succeeded(running.get(120, java.util.concurrent.TimeUnit.SECONDS));

        startReplicationAt(fact(seed, StepParams.FACT_POSITION));
        convergesAfterMoreWrites("INSERT INTO " + later + " VALUES (2, 'after the seed')");
        assertThat(value(stack.target(), "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '"
                + schema.name() + "' AND TRIGGER_NAME = '" + trigger + "'")).isEqualTo("1");
        assertThat(value(stack.target(), "SELECT GROUP_CONCAT(note ORDER BY id SEPARATOR '; ') FROM " + later))
                .isEqualTo("during the seed; after the seed (triggered)");
    }

    /**
     * A table without an integer key is one chunk, which commits every {@code seed-chunk-rows} rows (20,000 in tests):
     * cut after such a commit, the table holds part of its rows while its chunk is not marked done, and the next attempt
     * deletes them before copying it again (a plain copy would fail on duplicate keys or leave them twice).
     */
    @Test
    void aTableWithoutAnIntegerKeyCutAfterAPartialCommitIsCopiedAgainWhole() throws Exception {
        schema.create(stack.source());
        String wide = schema.name() + ".wide";
        admin(stack.source(), "CREATE TABLE " + wide + " (k VARCHAR(40) NOT NULL PRIMARY KEY, payload VARCHAR(200))",
                "INSERT INTO " + wide + " SELECT CONCAT('key-', LPAD(id, 8, '0')), REPEAT('x', 150) FROM " + schema.name()
                        + ".big WHERE id <= 90000");
        java.util.concurrent.CompletableFuture<StepEvent> first = seedInBackground();
        // MariaDB's bulk INSERT, or MySQL's LOAD DATA (issue 20).
        String copying = "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'INSERT INTO `" + schema.name()
                + "`.`wide`%' OR INFO LIKE 'LOAD DATA LOCAL INFILE % INTO TABLE `" + schema.name() + "`.`wide` %' LIMIT 1";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (Long.parseLong(value(stack.target(), "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + schema.name() + "' AND TABLE_NAME = 'wide'")) == 0
                    || Long.parseLong(value(stack.target(), "SELECT COUNT(*) FROM " + wide)) < 20_000) {
                return false;
            }
            String session = valueOrNull(stack.target(), copying);
            if (session == null) {
                return false;
            }
            admin(stack.target(), "KILL " + session);
            return true;
        });
        assertThat(first.get(60, java.util.concurrent.TimeUnit.SECONDS).kind()).as("the cut seed")
                .isEqualTo(io.handoff.common.event.StepEventKind.FAILED);
        assertThat(Long.parseLong(value(stack.target(), "SELECT COUNT(*) FROM " + wide))).as("rows committed before the cut")
                .isGreaterThanOrEqualTo(20_000).isLessThan(90_000);
        assertThat(value(stack.target(), "SELECT done FROM handoff_seed.chunks WHERE table_name = 'wide'")).isIn("0", "false");

        StepEvent seed = succeeded(bus.run(seedCommand()));

        assertThat(value(stack.target(), "SELECT CONCAT(COUNT(*), ':', COUNT(DISTINCT k)) FROM " + wide)).isEqualTo("90000:90000");
        assertThat(schema.checksums(stack.target())).as("every table's checksum").isEqualTo(schema.checksums(stack.source()));
        String position = (String) fact(seed, StepParams.FACT_POSITION);
        startReplicationAt(position);
        admin(stack.source(), "UPDATE " + wide + " SET payload = 'after the seed' WHERE k = 'key-00000007'");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(value(stack.target(),
                "SELECT payload FROM " + wide + " WHERE k = 'key-00000007'")).isEqualTo("after the seed"));
    }

    /**
     * Starts a seed of the schema and cuts it part-way: the last chunk's ledger row is held, and once the first chunk of
     * {@code big} is done the worker waiting on that row has its session killed; returns the chunks done and all chunks.
     */
    private long[] cutTheSeedPartWay() throws Exception {
        schema.create(stack.source());
        java.util.concurrent.CompletableFuture<StepEvent> first = seedInBackground();
        try (Connection holder = stack.target().connect(stack.accounts().admin())) {
            String waiting = holdTheLastChunk(holder);
            await().atMost(Duration.ofSeconds(60)).until(() -> Long.parseLong(value(stack.target(),
                    "SELECT COUNT(*) FROM handoff_seed.chunks WHERE table_name = 'big' AND key_from IS NULL AND done")) == 1
                    && valueOrNull(stack.target(), waiting) != null);
            admin(stack.target(), "KILL " + value(stack.target(), waiting));
            assertThat(first.get(60, java.util.concurrent.TimeUnit.SECONDS).kind()).as("the cut seed")
                    .isEqualTo(io.handoff.common.event.StepEventKind.FAILED);
            holder.rollback();
        }
        long done = Long.parseLong(value(stack.target(), "SELECT COUNT(*) FROM handoff_seed.chunks WHERE done"));
        long all = Long.parseLong(value(stack.target(), "SELECT COUNT(*) FROM handoff_seed.chunks"));
        assertThat(done).as("chunks done before the cut").isPositive().isLessThan(all);
        return new long[] {done, all};
    }

    /** Starts the target's replication of the source at {@code position} (a seed's), and asserts it started. */
    private void startReplicationAt(Object position) {
        succeeded(bus.run(plan.command(StepType.START_REPLICATION, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.POSITION, position))));
    }

    /**
     * Writes more on the source ({@link SeedSchema#writeMore}, then {@code statements}) and waits until replication made
     * every table's checksum on the target the source's.
     */
    private void convergesAfterMoreWrites(String... statements) throws SQLException {
        schema.writeMore(stack.source());
        admin(stack.source(), statements);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(schema.checksums(stack.target())).isEqualTo(schema.checksums(stack.source())));
    }

    /**
     * The seed {@code running} succeeds with every table's definition the source's (the column {@code added_during_seed},
     * added while it ran, among them) and every checksum the source's; replication from its position then converges
     * after {@code statement}.
     */
    private void seedsTheColumnAddedDuringItThenConverges(java.util.concurrent.CompletableFuture<StepEvent> running,
            String statement) throws Exception {
        StepEvent seed = succeeded(running.get(180, java.util.concurrent.TimeUnit.SECONDS));

        assertThat(schema.definitions(stack.target())).as("every table's definition, the changed one among them")
                .isEqualTo(schema.definitions(stack.source())).anyMatch(definition -> definition.contains("`added_during_seed`"));
        assertThat(schema.checksums(stack.target())).as("every table's checksum").isEqualTo(schema.checksums(stack.source()));
        startReplicationAt(fact(seed, StepParams.FACT_POSITION));
        convergesAfterMoreWrites(statement);
    }

    /** Runs the seed on another thread; its outcome when it ends. */
    private java.util.concurrent.CompletableFuture<StepEvent> seedInBackground() {
        return seedInBackground(seedCommand());
    }

    private java.util.concurrent.CompletableFuture<StepEvent> seedInBackground(io.handoff.common.event.StepCommand command) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return bus.run(command);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Once the running seed recorded its chunks on the target, locks the last chunk's ledger row in {@code holder}'s open
     * transaction, so that the worker that copies it waits to mark it done until {@code holder} rolls back; returns the
     * query that finds that waiting worker's session id (no row until it waits).
     */
    private String holdTheLastChunk(Connection holder) throws SQLException {
        awaitTheLedger();
        holder.setAutoCommit(false);
        String held;
        try (Statement hold = holder.createStatement(); var locked = hold.executeQuery("SELECT chunk FROM handoff_seed.chunks"
                + " WHERE ordinal = (SELECT MAX(ordinal) FROM handoff_seed.chunks) FOR UPDATE")) {
            locked.next();
            held = locked.getString(1);
        }
        return "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE handoff_seed.chunks%"
                + held.replace("'", "''") + "%'";
    }

    /** Waits until the running seed has recorded its chunks on the target. */
    private void awaitTheLedger() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> Long.parseLong(value(stack.target(),
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'handoff_seed' AND TABLE_NAME = 'chunks'")) == 1
                && Long.parseLong(value(stack.target(), "SELECT COUNT(*) FROM handoff_seed.chunks")) > 0);
    }

    protected io.handoff.common.event.StepCommand seedCommand() {
        return plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.SEED_METHOD, "parallel", StepParams.SCHEMAS, List.of(schema.name())));
    }

    /** Runs {@code statements} on the source on another thread; done when they are. */
    private java.util.concurrent.CompletableFuture<Void> adminInBackground(String... statements) {
        return java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                admin(stack.source(), statements);
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    protected void admin(DatabaseServer server, String... statements) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin()); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    protected String value(DatabaseServer server, String query) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin()); Statement sql = connection.createStatement();
                var row = sql.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }

    private String valueOrNull(DatabaseServer server, String query) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin()); Statement sql = connection.createStatement();
                var row = sql.executeQuery(query)) {
            return row.next() ? row.getString(1) : null;
        }
    }
}
