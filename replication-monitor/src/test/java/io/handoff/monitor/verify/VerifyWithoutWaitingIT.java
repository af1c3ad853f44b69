package io.handoff.monitor.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Secret;
import io.handoff.common.event.DriftKind;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.monitor.support.Numbers;
import io.handoff.monitor.support.ReplicatedPair;
import io.handoff.verify.Difference;
import io.handoff.verify.StandaloneVerifyConfig;
import io.handoff.verify.Verification;
import io.handoff.verify.VerifyConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * VERIFY's engine run outside the service, as {@code bench/seed.sh} runs it to check a copy: with
 * {@code handoff.verify.await-target=false} it compares the target as it stands, and with the default it waits for the
 * target to apply the source's position. The target here replicates with its applier stopped, so it has not applied
 * the source's last rows: the one mode must name exactly those rows, the other must refuse to compare.
 */
@Tag("issue-20")
class VerifyWithoutWaitingIT {
    private static final int ROWS = 3000;

    private final LocalStack stack = SharedLocalStack.get();
    private final ReplicatedPair servers = new ReplicatedPair(stack);
    private final String schema = "verify_copy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private String table;

    @BeforeEach
    void aReplicaThatStoppedApplying() throws Exception {
        Class.forName("org.mariadb.jdbc.Driver");
        Class.forName("com.mysql.cj.jdbc.Driver");
        servers.standalone(List.of());
        table = servers.replicatedTable(schema);
        servers.admin(servers.source(), "INSERT INTO " + table + " SELECT seq, CONCAT('row ', seq) FROM " + Numbers.upTo(ROWS));
        servers.awaitTargetApplied(Duration.ofSeconds(30));
        servers.stopApplier();
        servers.admin(servers.source(), "INSERT INTO " + table + " VALUES (" + (ROWS + 1) + ", 'after'), (" + (ROWS + 2) + ", 'after')");
    }

    @AfterEach
    void standAlone() throws Exception {
        servers.startApplier();
        servers.standalone(List.of(schema));
    }

    @Test
    void comparesTheTargetAsItStandsWithoutWaiting() {
        Verification.Outcome outcome = new Verification(config("false")).run(cluster("source", servers.source()),
                cluster("target", servers.target()), List.of(schema));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.report().rows()).isEqualTo(ROWS + 2);
        assertThat(outcome.report().differences()).extracting(Difference::key, Difference::kind).containsExactlyInAnyOrder(
                Tuple.tuple(Map.of("id", (long) ROWS + 1), DriftKind.MISSING),
                Tuple.tuple(Map.of("id", (long) ROWS + 2), DriftKind.MISSING));
    }

    @Test
    void byDefaultWaitsForTheTargetToApplyTheSourcesPosition() {
        Verification.Outcome outcome = new Verification(config("true")).run(cluster("source", servers.source()),
                cluster("target", servers.target()), List.of(schema));

        assertThat(outcome.failure()).isNotNull();
        assertThat(outcome.failure().getMessage()).contains("did not apply the source's position");
        assertThat(outcome.report().differences()).isEmpty();
    }

    private static VerifyConfig config(String awaitTarget) {
        return StandaloneVerifyConfig.of(Map.of("handoff.verify.await-target", awaitTarget, "handoff.verify.wait-timeout", "2s",
                "handoff.verify.publish-drift", "false"));
    }

    private ClusterSpec cluster(String name, DatabaseServer server) {
        DbAccount admin = stack.accounts().admin();
        return new ClusterSpec(name, server.host(), server.port(), server.flavor().serverFlavor(), admin.user(),
                Secret.of(admin.password()));
    }
}
