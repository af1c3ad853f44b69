package io.handoff.cutover.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Credentials;
import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterConnections;
import io.handoff.cutover.cluster.ClusterStateReport;
import io.handoff.cutover.config.CutoverConfig;
import io.handoff.cutover.support.ClientProgramsTestResource;
import io.handoff.cutover.support.FreezableProxy;
import io.handoff.cutover.support.Plan;
import io.handoff.cutover.support.Servers;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prepare steps against clusters that cannot be used: a closed port, a wrong administrative
 * password, a wrong replication password. Handler level (no Quarkus application): the registry here
 * holds clusters the service's configuration must not have. The step fails with a reason naming the
 * cluster and what is wrong, and never shows a password. A {@code @QuarkusTest} only to share the
 * JVM's local stack (a plain test class lives in another class loader and would start a second one).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(ClientProgramsTestResource.class)
class UnreachableClusterTest {
    private static final String WRONG_PASSWORD = "not-the-password-" + System.nanoTime();
    private static LocalStack stack;
    private static int closedPort;

    private final Plan plan = new Plan();
    private final List<ClusterConnections> opened = new ArrayList<>();

    @BeforeAll
    static void servers() throws IOException {
        stack = SharedLocalStack.get();
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
    }

    @Test
    void precheckOfAnUnreachableSourceFailsNamingTheClusterAndItsAddress() {
        Handlers handlers = handlers(target(), new ClusterSpec("broken", "127.0.0.1", closedPort, ServerFlavor.MARIADB, "admin",
                Secret.of(WRONG_PASSWORD)));

        assertThatThrownBy(() -> handlers.precheck.execute(plan.command(StepType.PRECHECK,
                Map.of(StepParams.CLUSTER, "target", StepParams.SOURCE_CLUSTER, "broken"))))
                .isInstanceOfSatisfying(StepFailedException.class, failure -> {
                    assertThat(failure.failure().reason()).contains("cannot connect to broken at 127.0.0.1:" + closedPort)
                            .doesNotContain(WRONG_PASSWORD);
                    assertThat(failure.failure().retryable()).as("a server that is down may come back").isTrue();
                });
    }

    @Test
    void aServerThatTakesTheConnectionButNeverGreetsFailsTheStepAfterTheConnectTimeoutInsteadOfHanging() throws IOException {
        // A hung server (SIGSTOP) looks like this: its kernel completes the TCP handshake, nothing answers after it.
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Handlers handlers = handlers(target(), new ClusterSpec("hung", "127.0.0.1", hung.getLocalPort(), ServerFlavor.MYSQL_8,
                    "admin", Secret.of(WRONG_PASSWORD)));

            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> handlers.precheck.execute(
                    plan.command(StepType.PRECHECK, Map.of(StepParams.CLUSTER, "target", StepParams.SOURCE_CLUSTER, "hung"))))
                    .isInstanceOfSatisfying(StepFailedException.class, failure -> {
                        assertThat(failure.failure().reason()).contains("hung at 127.0.0.1:" + hung.getLocalPort());
                        assertThat(failure.failure().retryable()).as("a hung server may come back").isTrue();
                    }), "the login to a server that never greets must end at the connect timeout (2 s here)");
        }
    }

    @Test
    void aStepOnAServerThatHangsMidFenceFailsRetryableAtItsDeadlineNotAfterTheNetworkTimeout() throws Exception {
        try (FreezableProxy proxy = new FreezableProxy(stack.source().host(), stack.source().port())) {
            StepSupport support = support(spec("hung", proxy.host(), proxy.port()));
            FlushTablesHandler flush = new FlushTablesHandler(support);
            // Inside a fence the second step trusts the connection the first left clean: no validation round trip, so
            // the hang meets the step's statement itself.
            support.connections.trustingCleanLeases(() -> {
                try {
                    assertThat(flush.execute(plan.command(StepType.FLUSH_TABLES, Map.of(StepParams.CLUSTER, "hung"))).durationMs())
                            .as("the warm connection is open through the proxy").isNotNull();
                } catch (StepFailedException e) {
                    throw new AssertionError(e);
                }
                proxy.freeze();
                // The connections' network timeout is 10 s here; the step's deadline is 2 s away.
                StepCommand command = StepCommand.issue(plan.id(), "2-flush-hung", StepType.FLUSH_TABLES,
                        Map.of(StepParams.CLUSTER, "hung"), 1, Instant.now().plusSeconds(2), plan.epoch(), Clock.systemUTC());
                // On this thread (the fence's), so not preemptively: a step past 8 s fails the test once it returns.
                assertTimeout(Duration.ofSeconds(8), () -> assertThatThrownBy(() -> flush.execute(command))
                        .isInstanceOfSatisfying(StepFailedException.class, failure -> {
                            assertThat(failure.failure().retryable()).as("a hung server may come back").isTrue();
                            assertThat(failure.failure().reason()).contains("hung").doesNotContain("cannot connect");
                        }), "the step ends at its deadline, not after the 10 s network timeout");
                return null;
            });
        }
    }

    @Test
    void seedFromASourceWithAWrongPasswordFailsNamingTheClusterAndTheRefusedLogin() {
        Handlers handlers = handlers(target(), new ClusterSpec("source", stack.source().host(), stack.source().port(),
                ServerFlavor.MARIADB, "admin", Secret.of(WRONG_PASSWORD)));

        assertThatThrownBy(() -> handlers.seed.execute(plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, "target",
                StepParams.SOURCE_CLUSTER, "source", StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of("shop")))))
                .isInstanceOfSatisfying(StepFailedException.class, failure -> {
                    assertThat(failure.failure().reason()).contains("cannot connect to source at " + stack.source().host())
                            .contains("Access denied").doesNotContain(WRONG_PASSWORD);
                    assertThat(failure.failure().retryable()).as("the same password fails the same way").isFalse();
                });
    }

    @Test
    void startReplicationOnAnUnreachableTargetFailsNamingIt() {
        Handlers handlers = handlers(source(), new ClusterSpec("broken", "127.0.0.1", closedPort, ServerFlavor.MARIADB, "admin",
                Secret.of(WRONG_PASSWORD)));

        assertThatThrownBy(() -> handlers.startReplication.execute(plan.command(StepType.START_REPLICATION,
                Map.of(StepParams.CLUSTER, "broken", StepParams.SOURCE_CLUSTER, "source", StepParams.POSITION, "0-1-1"))))
                .isInstanceOfSatisfying(StepFailedException.class, failure -> assertThat(failure.failure().reason())
                        .contains("START_REPLICATION failed").contains("cannot connect to broken at 127.0.0.1:" + closedPort));
    }

    @Test
    void precheckBlocksAReplicationAccountWhosePasswordIsWrong() {
        ClusterSpec real = source();
        ClusterSpec wrongReplication = new ClusterSpec(real.name(), real.host(), real.port(), real.flavor(), real.user(),
                real.password(), new Credentials(stack.accounts().repl().user(), Secret.of(WRONG_PASSWORD)));
        Handlers handlers = handlers(target(), wrongReplication);

        assertThatThrownBy(() -> handlers.precheck.execute(plan.command(StepType.PRECHECK,
                Map.of(StepParams.CLUSTER, "target", StepParams.SOURCE_CLUSTER, "source", StepParams.SCHEMAS, List.of("none")))))
                .isInstanceOfSatisfying(StepFailedException.class, failure -> {
                    assertThat(failure.failure().reason()).contains("BLOCKING replication_account on source")
                            .contains("Access denied").doesNotContain(WRONG_PASSWORD);
                    assertThat(failure.failure().retryable()).isFalse();
                    assertThat(failure.facts()).isInstanceOfSatisfying(CutoverFacts.Precheck.class,
                            facts -> assertThat(facts.findings()).isNotEmpty());
                });
    }

    /** No session of this test stays open on the shared servers, and neither replicates. */
    @AfterEach
    void closeConnections() throws SQLException {
        opened.forEach(ClusterConnections::closeAll);
        new Servers(stack).standalone();
    }

    @Test
    void startReplicationWithAWrongReplicationPasswordFailsNamingTheSourceAndLeavesNoReplica() throws SQLException {
        ClusterSpec real = source();
        ClusterSpec wrongReplication = new ClusterSpec(real.name(), real.host(), real.port(), real.flavor(), real.user(),
                real.password(), new Credentials(stack.accounts().repl().user(), Secret.of(WRONG_PASSWORD)));
        Handlers handlers = handlers(target(), wrongReplication);

        assertThatThrownBy(() -> handlers.startReplication.execute(plan.command(StepType.START_REPLICATION,
                Map.of(StepParams.CLUSTER, "target", StepParams.SOURCE_CLUSTER, "source", StepParams.POSITION, ""))))
                .isInstanceOfSatisfying(StepFailedException.class, failure -> {
                    assertThat(failure.failure().reason()).contains("target cannot replicate from source (" + real.host())
                            .contains("as repl").contains("Access denied").doesNotContain(WRONG_PASSWORD);
                    assertThat(failure.failure().retryable()).isFalse();
                    // START_REPLICATION makes the target read-only before pointing it at the source (issue 16, point 3),
                    // and a target that failed to become a replica stays so: safe, and what a retry needs.
                    assertThat(failure.failure().recoverableState()).contains("target read-only, not a replica");
                });
        assertThat(new Servers(stack).replicas(stack.target())).isEmpty();
    }

    private static ClusterSpec source() {
        return spec("source", stack.source().host(), stack.source().port());
    }

    private static ClusterSpec target() {
        return spec("target", stack.target().host(), stack.target().port());
    }

    private static ClusterSpec spec(String name, String host, int port) {
        return new ClusterSpec(name, host, port, ServerFlavor.MARIADB, stack.accounts().admin().user(),
                Secret.of(stack.accounts().admin().password()), new Credentials(stack.accounts().repl().user(),
                        Secret.of(stack.accounts().repl().password())));
    }

    private record Handlers(PrecheckHandler precheck, SeedHandler seed, StartReplicationHandler startReplication) {
    }

    private Handlers handlers(ClusterSpec... clusters) {
        StepSupport support = support(clusters);
        return new Handlers(new PrecheckHandler(support), new SeedHandler(support, new io.handoff.kit.steps.StepEventPublisher(null)) /* no seed here copies rows: no progress to send */, new StartReplicationHandler(support));
    }

    private StepSupport support(ClusterSpec... clusters) {
        ClusterRegistry registry = ClusterRegistry.of(clusters);
        CutoverConfig config = new TestConfig();
        ClusterConnections connections = new ClusterConnections(registry, config);
        opened.add(connections);
        return new StepSupport(registry, connections, new ClusterStateReport(connections), config);
    }

    private static final class TestConfig implements CutoverConfig {
        @Override
        public Connections connections() {
            return new Connections() {
                @Override
                public Duration connectTimeout() {
                    return Duration.ofSeconds(2);
                }

                @Override
                public Duration networkTimeout() {
                    return Duration.ofSeconds(10);
                }

                @Override
                public Duration validationTimeout() {
                    return Duration.ofSeconds(2);
                }

                @Override
                public Duration validationBypass() {
                    return Duration.ofMillis(500);
                }

                @Override
                public Duration keepWarmEvery() {
                    return Duration.ofSeconds(10);
                }

                @Override
                public int warmUpRounds() {
                    return 0;
                }
            };
        }

        @Override
        public Duration defaultWaitTimeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Optional<Path> clientBinDir() {
            return Optional.of(stack.source().program("mariadb-dump").getParent());
        }

        @Override
        public long seedChunkRows() {
            return 100_000;
        }

        @Override
        public Duration seedProgressEvery() {
            return Duration.ofSeconds(10);
        }

        @Override
        public Duration seedYieldToDdlAfter() {
            return Duration.ofSeconds(10);
        }

        @Override
        public Duration fenceNotice() {
            return Duration.ofMillis(100);
        }

        @Override
        public Duration seedTimeout() {
            return Duration.ofMinutes(2);
        }

        @Override
        public int seedThreads() {
            return 2;
        }

        @Override
        public long seedMaxRowsPerSecond() {
            return 0;
        }

        @Override
        public long seedMaxSourceThreadsRunning() {
            return 0;
        }

        @Override
        public Duration seedSourceWait() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration minBinlogRetention() {
            return Duration.ofDays(1);
        }

        @Override
        public Map<String, Map<String, String>> killAccounts() {
            return Map.of();
        }

        @Override
        public Path snapshotDir() {
            return Path.of(System.getProperty("java.io.tmpdir"), "handoff-snapshots");
        }

        @Override
        public Duration snapshotTimeout() {
            return Duration.ofMinutes(2);
        }
    }
}
