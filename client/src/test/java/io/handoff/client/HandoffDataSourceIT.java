package io.handoff.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.handoff.localstack.FreePorts;
import io.handoff.localstack.mariadb.DbRole;
import io.handoff.localstack.mariadb.MariaDbServer;
import io.handoff.localstack.mariadb.StackAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The library on two real MariaDB servers with HikariCP pools, following the planner's wire format from
 * {@link PlannerStandIn}. Where a write landed is read from the servers' rows. The flip is played by hand: the old
 * master is made read-only with {@code SET GLOBAL read_only}, as the fence does. The tests run in order on the same
 * servers; each says which server is the master when it ends.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandoffDataSourceIT {
    private static final AtomicLong IDS = new AtomicLong();
    private static StackAccounts accounts;
    private static MariaDbServer a;
    private static MariaDbServer b;
    private static Endpoint atA;
    private static Endpoint atB;
    private static PlannerStandIn planner;
    private static HandoffDataSource orders;
    private static long epoch;

    @BeforeAll
    static void start() throws Exception {
        accounts = StackAccounts.random();
        Path dir = Files.createTempDirectory(Path.of("target"), "client-it-");
        int port = FreePorts.orFreeOn(0, List.of(DbRole.SOURCE.host(), DbRole.TARGET.host()));
        a = new MariaDbServer(DbRole.SOURCE, port, dir.resolve("a"), accounts);
        b = new MariaDbServer(DbRole.TARGET, port, dir.resolve("b"), accounts);
        a.start();
        b.start();
        for (MariaDbServer server : List.of(a, b)) {
            server.runAsRoot("CREATE DATABASE client_it; CREATE TABLE client_it.writes (id BIGINT PRIMARY KEY,"
                    + " server INT NOT NULL)");
        }
        atA = new Endpoint(DbRole.SOURCE.host(), port);
        atB = new Endpoint(DbRole.TARGET.host(), port);
        planner = new PlannerStandIn();
        orders = dataSource(planner.uri(), Duration.ofSeconds(5));
        await("the library follows the stand-in").atMost(Duration.ofSeconds(30)).until(() -> orders.stats().streamConnected());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable resource : new AutoCloseable[] {orders, planner, a, b}) {
            Invocations.closeQuietly(resource);
        }
    }

    @Test
    @Order(1)
    void aFenceHoldsTransactionsAtOnceAndEverythingOnceTheOldMasterRefusesAndTheWritableEventSendsThemToTheNewMaster()
            throws Exception {
        Connection borrowed = orders.getConnection();
        assertThat(landedOn(insert(borrowed))).isEqualTo(a);

        fence(atA, atB);
        assertThat(landedOn(insert(borrowed))).as("autocommit writes go on until the old master refuses them").isEqualTo(a);
        Connection tx = orders.getConnection();
        tx.setAutoCommit(false);
        CompletableFuture<Long> transaction = CompletableFuture.supplyAsync(() -> unchecked(() -> {
            long id = insert(tx);
            tx.commit();
            return id;
        }));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !transaction.isDone());
        a.runAsRoot("SET GLOBAL read_only = 1");
        CompletableFuture<Long> refused = CompletableFuture.supplyAsync(() -> unchecked(() -> insert(borrowed)));
        await("the old master's refusal").atMost(Duration.ofSeconds(10)).until(() -> orders.stats().heldStatements() >= 2);
        CompletableFuture<Long> fresh = CompletableFuture.supplyAsync(() -> withNewConnection(HandoffDataSourceIT::insert));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> !fresh.isDone() && !refused.isDone() && !transaction.isDone());
        planner.send(epoch, MasterEvent.Kind.MASTER_WRITABLE, atA, atB, Instant.now());

        assertThat(landedOn(transaction.get(10, TimeUnit.SECONDS))).isEqualTo(b);
        assertThat(landedOn(refused.get(10, TimeUnit.SECONDS))).as("refused by A, run again on B").isEqualTo(b);
        assertThat(landedOn(fresh.get(10, TimeUnit.SECONDS))).isEqualTo(b);
        assertThat(borrowed.unwrap(HandoffConnection.class).endpoint()).isEqualTo(atB);
        assertThat(orders.stats().retriedStatements()).isEqualTo(1);
        assertThat(orders.stats().currentEndpoint()).isEqualTo(atB);
        borrowed.close();
        tx.close();
    }

    @Test
    @Order(2)
    void aRollbackReleasesTheHeldStatementsToTheOldMaster() throws Exception {
        fence(atB, atA);
        try (Connection tx = orders.getConnection()) {
            tx.setAutoCommit(false);
            CompletableFuture<Long> held = CompletableFuture.supplyAsync(() -> unchecked(() -> {
                long id = insert(tx);
                tx.commit();
                return id;
            }));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !held.isDone());
            planner.send(epoch, MasterEvent.Kind.ROLLED_BACK, atB, atA, Instant.now());

            assertThat(landedOn(held.get(10, TimeUnit.SECONDS))).isEqualTo(b);
        }
    }

    @Test
    @Order(3)
    void aStatementRefusedAsReadOnlyInAutocommitRunsOnceMoreOnTheNewMasterAndAPreparedStatementKeepsItsParameters()
            throws Exception {
        try (Connection connection = orders.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO client_it.writes VALUES (?, @@server_id)")) {
            long id = IDS.incrementAndGet();
            insert.setLong(1, id);
            b.runAsRoot("SET GLOBAL read_only = 1"); // the fence ran before its event reached the application
            CompletableFuture<Integer> refused = CompletableFuture.supplyAsync(() -> unchecked(() -> (long) insert.executeUpdate()))
                    .thenApply(Long::intValue);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !refused.isDone());
            a.runAsRoot("SET GLOBAL read_only = 0");
            fence(atB, atA);
            planner.send(epoch, MasterEvent.Kind.MASTER_WRITABLE, atB, atA, Instant.now());

            assertThat(refused.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(landedOn(id)).isEqualTo(a);
            assertThat(orders.stats().retriedStatements()).isEqualTo(2);
        }
    }

    @Test
    @Order(4)
    void aReadOnlyRefusalInsideATransactionSurfacesUntouched() throws Exception {
        long retried = orders.stats().retriedStatements();
        try (Connection connection = orders.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.executeQuery("SELECT COUNT(*) FROM client_it.writes").close();
            a.runAsRoot("SET GLOBAL read_only = 1");
            try {
                assertThatThrownBy(() -> sql.executeUpdate("INSERT INTO client_it.writes VALUES (" + IDS.incrementAndGet()
                        + ", @@server_id)")).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1290));
                connection.rollback();
            } finally {
                a.runAsRoot("SET GLOBAL read_only = 0");
            }
        }
        assertThat(orders.stats().retriedStatements()).isEqualTo(retried);
    }

    @Test
    @Order(5)
    void aReplayedEventOfAnOlderEpochMovesNothing() throws Exception {
        long stale = orders.stats().staleEventsIgnored();
        planner.send(1, MasterEvent.Kind.MASTER_WRITABLE, atA, atB, Instant.now());
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.stats().staleEventsIgnored() > stale);

        assertThat(landedOn(withNewConnection(HandoffDataSourceIT::insert))).isEqualTo(a);
    }

    @Test
    @Order(6)
    void aFenceLongerThanTheBudgetFailsTheHeldStatementClearlyAndALateFenceStartHoldsNothing() throws Exception {
        try (HandoffDataSource quick = dataSource(planner.uri(), Duration.ofSeconds(1))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> quick.stats().streamConnected());
            fence(atA, atB);
            await().atMost(Duration.ofSeconds(10)).until(() -> quick.stats().lastEventEpoch() == epoch);
            try (Connection tx = quick.getConnection()) {
                tx.setAutoCommit(false);
                long started = System.nanoTime();

                assertThatThrownBy(() -> insert(tx)).isInstanceOf(HeldTooLongException.class)
                        .hasMessageContaining("orders").hasMessageContaining("plan-" + epoch).hasMessageContaining("not sent");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
            }

            planner.send(epoch, MasterEvent.Kind.ROLLED_BACK, atA, atB, Instant.now());
            planner.send(++epoch, MasterEvent.Kind.FENCE_STARTED, atA, atB, Instant.now().minusSeconds(30));
            await().atMost(Duration.ofSeconds(10)).until(() -> quick.stats().lastEventEpoch() == epoch);
            try (Connection connection = quick.getConnection()) {
                connection.setAutoCommit(false);
                long id = insert(connection);
                connection.commit();
                assertThat(landedOn(id)).as("a late FENCE_STARTED holds nothing").isEqualTo(a);
            }
            planner.send(epoch, MasterEvent.Kind.ROLLED_BACK, atA, atB, Instant.now());
        }
    }

    @Test
    @Order(7)
    void withThePlannerUnreachableItIsAPlainDataSourceAtItsInitialEndpoint() throws Exception {
        try (HandoffDataSource alone = dataSource(java.net.URI.create("http://127.0.0.1:" + FreePorts.orFree(0)),
                Duration.ofSeconds(5)); Connection connection = alone.getConnection()) {
            assertThat(landedOn(insert(connection))).isEqualTo(a);
            assertThat(alone.stats().streamConnected()).isFalse();
        }
    }

    private static void fence(Endpoint from, Endpoint to) {
        planner.send(++epoch, MasterEvent.Kind.FENCE_STARTED, from, to, Instant.now());
        await("the library applies the fence").atMost(Duration.ofSeconds(10))
                .until(() -> orders.stats().lastEventEpoch() == epoch);
    }

    private static HandoffDataSource dataSource(java.net.URI uri, Duration budget) {
        return HandoffDataSource.builder().planner(uri).application("orders").initial(atA).holdBudget(budget)
                .basicAuth(PlannerStandIn.USER, PlannerStandIn.PASSWORD).pools(HandoffDataSourceIT::hikari).build();
    }

    private static DataSource hikari(Endpoint endpoint) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:mariadb://" + endpoint.host() + ":" + endpoint.port() + "/client_it");
        config.setUsername(accounts.app().user());
        config.setPassword(accounts.app().password());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }

    /** Inserts a row naming the server that ran it; returns its id. */
    private static long insert(Connection connection) throws SQLException {
        long id = IDS.incrementAndGet();
        try (Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO client_it.writes VALUES (" + id + ", @@server_id)");
        }
        return id;
    }

    /** The server holding row {@code id}: read from both servers' rows, never from the library. */
    private static MariaDbServer landedOn(long id) throws SQLException {
        MariaDbServer found = null;
        for (MariaDbServer server : List.of(a, b)) {
            try (Connection connection = server.connect(accounts.admin()); Statement sql = connection.createStatement();
                    ResultSet row = sql.executeQuery("SELECT server FROM client_it.writes WHERE id = " + id)) {
                if (row.next()) {
                    assertThat(found).as("row " + id + " on both servers").isNull();
                    assertThat(row.getInt(1)).isEqualTo(server.role().serverId());
                    found = server;
                }
            }
        }
        assertThat(found).as("row " + id + " on neither server").isNotNull();
        return found;
    }

    private interface SqlWork {
        long run(Connection connection) throws SQLException;
    }

    private static long withNewConnection(SqlWork work) {
        try (Connection connection = orders.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface SqlCall {
        long call() throws SQLException;
    }

    private static long unchecked(SqlCall call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
