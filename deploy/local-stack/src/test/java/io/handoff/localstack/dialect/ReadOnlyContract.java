package io.handoff.localstack.dialect;

import static io.handoff.localstack.dialect.FlavourPair.cluster;
import static io.handoff.localstack.dialect.FlavourPair.dialect;
import static io.handoff.localstack.dialect.FlavourPair.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.StrategyNotSupportedException;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The {@code global} read-only strategy on the target, as the dialect writes it and run by the account
 * handoff administers it with: an application's write is refused while it holds and accepted after;
 * where the flavour cannot (Aurora's master user has no SUPER), the dialect refuses up front and the
 * server agrees.
 */
abstract class ReadOnlyContract {

    protected abstract FlavourPair pair();

    /** Whether the administrative account may set {@code read_only} itself (false on Aurora-like MySQL). */
    protected abstract boolean globalReadOnlyAllowed();

    @Test
    void globalReadOnlyRefusesApplicationWritesUntilLifted() throws Exception {
        DatabaseServer target = pair().target;
        SqlDialect sql = dialect(target);
        ProbeTable.create(target);
        if (!globalReadOnlyAllowed()) {
            assertThatThrownBy(() -> sql.setReadOnly(true)).isInstanceOf(StrategyNotSupportedException.class)
                    .hasMessageContaining("read_only");
            try (Connection admin = cluster(target)) {
                assertThatThrownBy(() -> execute(admin, "SET GLOBAL read_only=ON")).as("the server refuses it too")
                        .isInstanceOf(SQLException.class);
            }
            assertThat(ProbeTable.applicationCanWrite(target)).isTrue();
            return;
        }
        assertThat(sql.readOnlyProcedure()).as("a server whose account sets read_only itself needs no procedure").isEmpty();
        try (Connection admin = cluster(target)) {
            execute(admin, sql.setReadOnly(true));
            try {
                assertThat(ProbeTable.applicationCanWrite(target)).as("application write while read-only").isFalse();
            } finally {
                execute(admin, sql.setReadOnly(false));
            }
        }
        assertThat(ProbeTable.applicationCanWrite(target)).as("application write after read-only is lifted").isTrue();
    }

    /**
     * The {@code rds-read-only} strategy: {@code mysql.rds_set_read_only} (Aurora MySQL 3.06+) where the
     * dialect has it; refused by the dialect elsewhere.
     */
    @Test
    void readOnlyThroughTheRdsProcedureRefusesApplicationWritesUntilLifted() throws Exception {
        DatabaseServer target = pair().target;
        SqlDialect sql = dialect(target);
        ProbeTable.create(target);
        if (sql.readOnlyProcedure().isEmpty()) {
            assertThatThrownBy(() -> sql.setReadOnlyThroughProcedure(true)).isInstanceOf(StrategyNotSupportedException.class);
            return;
        }
        try (Connection admin = cluster(target)) {
            execute(admin, sql.setReadOnlyThroughProcedure(true));
            try {
                assertThat(ProbeTable.applicationCanWrite(target)).as("application write while rds_set_read_only(1)").isFalse();
                assertThat(ProbeTable.canWrite(cluster(target))).as("the master user is held too: it lacks CONNECTION_ADMIN")
                        .isFalse();
            } finally {
                execute(admin, sql.setReadOnlyThroughProcedure(false));
            }
        }
        assertThat(ProbeTable.applicationCanWrite(target)).as("application write after rds_set_read_only(0)").isTrue();
    }
}
