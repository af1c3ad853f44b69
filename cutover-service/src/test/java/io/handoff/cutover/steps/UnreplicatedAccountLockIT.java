package io.handoff.cutover.steps;

import static io.handoff.cutover.support.NoBinlogAdminProfile.LOCKER;
import static io.handoff.cutover.support.Servers.A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.support.NoBinlogAdminProfile;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 1: under the account-lock strategy, a lock or unlock is never written to the binlog, where
 * replication would carry it to the other master (the new master's unlock reaching the old master through
 * reverse replication: two writable masters). The target is reached as {@value NoBinlogAdminProfile#LOCKER},
 * an administrative account that may lock accounts but not switch its binlog off; every step that would lock
 * or unlock there is refused, terminal, before it changes anything. Before the fix those steps ran their
 * statements binlogged.
 */
@QuarkusTest
@TestProfile(NoBinlogAdminProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
class UnreplicatedAccountLockIT extends ReplicatedPairFixture {
    private static final List<String> EXEMPT_ACCOUNTS = List.of("auth", "admin");

    @BeforeAll
    static void createTheAccountWithoutBinlogPrivileges() {
        NoBinlogAdminProfile.createAccount();
    }

    @AfterAll
    static void dropTheAccountWithoutBinlogPrivileges() {
        NoBinlogAdminProfile.dropAccount();
    }

    /** Whatever a test locked, the next one starts with every account unlocked (not binlogged: per server). */
    @AfterEach
    void unlockEveryAccount() {
        for (DatabaseServer server : List.of(servers.a(), servers.b())) {
            server.runAsRoot("SET sql_log_bin=0;\nALTER USER IF EXISTS 'app'@'%' ACCOUNT UNLOCK;\n"
                    + "ALTER USER IF EXISTS 'master'@'%' ACCOUNT UNLOCK;\nALTER USER IF EXISTS '" + NoBinlogAdminProfile.USER
                    + "'@'%' ACCOUNT UNLOCK;\nSET sql_log_bin=1;\n");
        }
    }

    @Test
    void flipWhoseTargetCannotSwitchItsBinlogOffIsRefusedBeforeAnyChange() throws Exception {
        Map<String, Object> readOnlyA = new HashMap<>(params(A));
        readOnlyA.put(StepParams.TARGET_CLUSTER, LOCKER);

        StepEvent refused = bus.run(plan.command(StepType.READ_ONLY, readOnlyA));

        assertRefusedNamingTheMissingPrivilege(refused);
        // Nothing changed: A still takes the application's writes and B still follows it; nothing is locked.
        servers.insert(servers.a(), servers.app(), table, 1, "after-refusal");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(servers.ids(servers.b(), table, "after-refusal")).containsExactly(1L));
        assertThat(lockedAccounts(servers.a())).isEmpty();
        assertThat(lockedAccounts(servers.b())).isEmpty();
        assertThat(ownTransactionsOfB()).isEmpty();
        assertThat(servers.readOnly(servers.a())).isFalse();
    }

    @Test
    void fenceStepsOnATargetThatCannotSwitchItsBinlogOffLockAndUnlockNothing() throws Exception {
        // As a flip back or a READ_ONLY that does not name the target runs it: A is fenced first.
        succeeds(StepType.READ_ONLY, params(A));
        assertThatThrownBy(() -> servers.insert(servers.a(), servers.app(), table, 1, "fenced"))
                .isInstanceOf(SQLException.class).hasMessageContaining("locked");

        assertRefusedNamingTheMissingPrivilege(bus.run(plan.command(StepType.READ_ONLY, params(LOCKER))));
        succeeds(StepType.STOP_REPLICA, on(LOCKER));
        servers.admin(servers.b(), "SET sql_log_bin=0", "ALTER USER 'app'@'%' ACCOUNT LOCK", "SET sql_log_bin=1");
        assertRefusedNamingTheMissingPrivilege(bus.run(plan.command(StepType.WRITABLE, params(LOCKER))));
        Map<String, Object> rollback = new HashMap<>(params(A));
        rollback.put(StepParams.TARGET_CLUSTER, LOCKER);
        assertRefusedNamingTheMissingPrivilege(bus.run(plan.command(StepType.ROLLBACK, rollback)));

        // No lock or unlock of B went to its binlog, so none can ever replicate; the refused steps changed nothing.
        assertThat(ownTransactionsOfB()).isEmpty();
        assertThat(lockedAccounts(servers.b())).containsExactly("app");
        assertThat(lockedAccounts(servers.a())).containsExactly("app", "master", NoBinlogAdminProfile.USER);
        // Census: no writable master for the application (A fenced, B's application account still locked).
        assertThatThrownBy(() -> servers.insert(servers.a(), servers.app(), table, 2, "census"))
                .isInstanceOf(SQLException.class).hasMessageContaining("locked");
        assertThatThrownBy(() -> servers.insert(servers.b(), servers.app(), table, 3, "census"))
                .isInstanceOf(SQLException.class).hasMessageContaining("locked");
    }

    private static void assertRefusedNamingTheMissingPrivilege(StepEvent event) {
        assertThat(event.kind()).as("%s: %s", event.stepId(), event.facts()).isEqualTo(StepEventKind.FAILED);
        assertThat(event.failure().retryable()).isFalse();
        assertThat(event.failure().reason()).contains(LOCKER, "sql_log_bin", "BINLOG ADMIN", "SESSION_VARIABLES_ADMIN")
                .doesNotContain(NoBinlogAdminProfile.account().password());
        assertThat(event.failure().recoverableState()).contains("nothing was changed", "'global'", "'security-group-swap'");
    }

    /** GTIDs B logged with its own server id (2): a lock or unlock binlogged there would be one. */
    private List<String> ownTransactionsOfB() throws SQLException {
        String state = servers.value(servers.b(), "SELECT @@GLOBAL.gtid_binlog_state");
        return List.of(state.split(",")).stream().map(String::strip).filter(gtid -> gtid.matches("\\d+-2-\\d+")).toList();
    }

    /** The locked accounts of {@code server} but the server's own (user names, sorted). */
    private List<String> lockedAccounts(DatabaseServer server) throws SQLException {
        return servers.column(server, "SELECT User FROM mysql.global_priv WHERE JSON_VALUE(Priv, '$.account_locked') IN ('1', 'true')"
                + " AND User <> 'mariadb.sys' ORDER BY User");
    }

    private static Map<String, Object> params(String cluster) {
        return Map.of(StepParams.CLUSTER, cluster, StepParams.EXEMPT_USERS, EXEMPT_ACCOUNTS,
                StepParams.STRATEGIES, Map.of(StepParams.STRATEGY_READ_ONLY, "account-lock", StepParams.STRATEGY_KILL, "per-user"));
    }
}
