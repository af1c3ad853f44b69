package io.handoff.localstack.dialect;

import static io.handoff.localstack.dialect.FlavourPair.cluster;
import static io.handoff.localstack.dialect.FlavourPair.dialect;
import static io.handoff.localstack.dialect.FlavourPair.execute;
import static io.handoff.localstack.dialect.FlavourPair.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.handoff.common.sql.SqlDialect;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ending application sessions on the target: the administrative account finds them with the dialect's
 * session list and ends them with the dialect's kill ({@code KILL CONNECTION}, or {@code mysql.rds_kill}
 * on Aurora); and an account ends its own sessions with no privilege at all (the per-user strategy).
 */
abstract class KillContract {

    protected abstract FlavourPair pair();

    @Test
    void administrativeAccountEndsAnApplicationSession() throws Exception {
        DatabaseServer target = pair().target;
        SqlDialect sql = dialect(target);
        try (Connection app = target.connect(target.accounts().app()); Connection admin = cluster(target)) {
            long id = sessionIdOf(app);
            assertThat(sessions(admin, sql)).as("the session list shows the application's session")
                    .anySatisfy(row -> {
                        assertThat(((Number) row.get("id")).longValue()).isEqualTo(id);
                        assertThat(row.get("user")).isEqualTo(target.accounts().app().user());
                    });
            execute(admin, sql.killConnection(id));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sessions(admin, sql))
                    .noneSatisfy(row -> assertThat(((Number) row.get("id")).longValue()).isEqualTo(id)));
            assertThatThrownBy(() -> sessionIdOf(app)).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void anAccountEndsItsOwnSessionWithoutPrivileges() throws Exception {
        DatabaseServer target = pair().target;
        SqlDialect sql = dialect(target);
        try (Connection victim = target.connect(target.accounts().app()); Connection killer = target.connect(target.accounts().app())) {
            long id = sessionIdOf(victim);
            execute(killer, sql.killOwnConnection(id));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> sessionIdOf(victim)).isInstanceOf(SQLException.class));
        }
    }

    private static List<Map<String, Object>> sessions(Connection admin, SqlDialect sql) throws SQLException {
        return rows(admin, sql.listSessions());
    }

    private static long sessionIdOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); var row = statement.executeQuery("SELECT CONNECTION_ID()")) {
            row.next();
            return row.getLong(1);
        }
    }
}
