package io.handoff.cutover.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.cutover.cluster.ServerSession;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KillPolicyTest {
    private final KillPolicy policy = new KillPolicy(Set.of("auth"), "repl", Set.of(7L));

    @Test
    void sparesItsOwnSessionExemptAccountsAndServerThreads() {
        assertThat(policy.spares(new ServerSession(7, "admin", "10.0.0.1:5000", "Sleep"))).isTrue();
        assertThat(policy.spares(new ServerSession(8, "auth", "10.0.0.2:5000", "Query"))).isTrue();
        assertThat(policy.spares(new ServerSession(9, "repl", "10.0.0.3:5000", "Binlog Dump"))).isTrue();
        assertThat(policy.spares(new ServerSession(10, "repl", "10.0.0.3:5000", "Binlog Dump GTID"))).isTrue();
        assertThat(policy.spares(new ServerSession(11, "system user", "", "Slave_SQL"))).isTrue();
        assertThat(policy.spares(new ServerSession(12, "event_scheduler", "localhost", "Daemon"))).isTrue();
        assertThat(policy.spares(new ServerSession(13, null, "", "Daemon"))).isTrue();
        assertThat(policy.spares(new ServerSession(14, "unauthenticated user", "10.0.0.3:5001", "Connect")))
                .as("a replica still logging in").isTrue();
        assertThat(policy.spares(new ServerSession(15, "repl", "10.0.0.3:5002", "Query")))
                .as("a replica logged in, before its binlog dump").isTrue();
    }

    @Test
    void killsApplicationSessionsAndOtherAdministrativeSessions() {
        assertThat(policy.spares(new ServerSession(20, "app", "10.0.0.4:5000", "Query"))).isFalse();
        assertThat(policy.spares(new ServerSession(21, "app", "10.0.0.4:5001", "Sleep"))).isFalse();
        assertThat(policy.spares(new ServerSession(22, "admin", "10.0.0.5:5000", "Sleep"))).isFalse();
        assertThat(policy.spares(new ServerSession(23, "Auth", "10.0.0.6:5000", "Sleep"))).as("account names are case-sensitive").isFalse();
    }
}
