package io.handoff.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import io.handoff.common.json.Json;
import io.handoff.common.json.JsonValues;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlStatementTest {

    private static final Secret PASSWORD = Secret.of("r3pl-'pa$$");

    @Test
    void replicationPasswordInALiteralIsMaskedWhenLogged() {
        List<SqlStatement> statements = SqlDialect.of(ServerFlavor.MARIADB)
                .changeSource("src", 3306, "repl", PASSWORD, "0-1-100");

        SqlStatement change = statements.get(1);
        assertThat(change.sql()).contains("MASTER_PASSWORD='r3pl-''pa$$'");
        assertThat(change.loggable()).doesNotContain("r3pl").contains("MASTER_PASSWORD='****'");
        assertThat(change.toString()).doesNotContain("r3pl");
        assertThat(statements.toString()).doesNotContain("r3pl");
    }

    @Test
    void replicationPasswordAsAParameterIsMaskedWhenLogged() {
        SqlStatement call = SqlDialect.of(ServerFlavor.AURORA_MYSQL)
                .changeSource("src", 3306, "repl", PASSWORD, "auto").get(0);

        assertThat(call.params()).containsExactly("src", 3306, "repl", "r3pl-'pa$$");
        assertThat(call.loggable())
                .isEqualTo("CALL mysql.rds_set_external_source_with_auto_position(?, ?, ?, ?, 0) [src, 3306, repl, ****]");
        assertThat(call.toString()).doesNotContain("r3pl");
    }

    @Test
    void statementPutInStepFactsIsWrittenMasked() {
        List<SqlStatement> statements = SqlDialect.of(ServerFlavor.MYSQL_8).changeSource("src", 3306, "repl", PASSWORD, "auto");

        assertThat(Json.toJson(statements)).doesNotContain("r3pl").contains("SOURCE_PASSWORD='****'");
        assertThat(JsonValues.canonicalMap(Map.of("statements", statements), "facts").toString()).doesNotContain("r3pl");
    }

    @Test
    void statementWithoutParametersLogsItsText() {
        assertThat(SqlStatement.of("STOP SLAVE").loggable()).isEqualTo("STOP SLAVE");
        assertThat(SqlStatement.of("SELECT ?", 1).loggable()).isEqualTo("SELECT ? [1]");
    }

    @Test
    void parametersAreCopiedAndMayBeNull() {
        List<Object> params = Arrays.asList("a", null);
        SqlStatement statement = new SqlStatement("SELECT ?, ?", params, null);
        params.set(0, "b");

        assertThat(statement.params()).containsExactly("a", null);
        assertThat(statement.secrets()).isEmpty();
    }

    @Test
    void blankSqlIsRefused() {
        assertThatThrownBy(() -> SqlStatement.of(" ")).hasMessageContaining("SqlStatement.sql must not be blank");
    }
}
