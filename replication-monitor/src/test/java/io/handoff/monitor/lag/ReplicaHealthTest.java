package io.handoff.monitor.lag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a lag sample says about the target's replication threads. */
class ReplicaHealthTest {

    @Test
    void bothThreadsRunningIsNoProblem() {
        assertThat(ReplicaHealth.problem("target", status("Yes", "Yes", "", ""))).isNull();
    }

    @Test
    void aStoppedApplierIsNamedWithItsLastError() {
        assertThat(ReplicaHealth.problem("target", status("Yes", "No", "", "Could not execute Write_rows_v1 event: Duplicate entry '7'")))
                .isEqualTo("target's replication SQL thread is stopped: Could not execute Write_rows_v1 event: Duplicate entry '7'");
        assertThat(ReplicaHealth.problem("target", status("Yes", "No", "", ""))).isEqualTo("target's replication SQL thread is stopped");
    }

    @Test
    void aReceiverThatCannotReachTheSourceIsNamed() {
        assertThat(ReplicaHealth.problem("target", status("Connecting", "Yes", "error connecting to master 'repl@10.0.0.1:3306'", "")))
                .isEqualTo("target's replication I/O thread is reconnecting: error connecting to master 'repl@10.0.0.1:3306'");
        assertThat(ReplicaHealth.problem("target", status("No", "Yes", "", ""))).isEqualTo("target's replication I/O thread is stopped");
        assertThat(ReplicaHealth.problem("target", status("Connecting", "Yes", "", ""))).as("connecting for the first time").isNull();
    }

    @Test
    void aTargetWithoutReplicaStatusDoesNotReplicate() {
        assertThat(ReplicaHealth.problem("target", new String[6])).isEqualTo("target does not replicate (no replica configuration)");
    }

    private static String[] status(String io, String sql, String ioError, String sqlError) {
        return new String[] {"mysql-bin.000001", "4", io, sql, ioError, sqlError};
    }
}
