package io.handoff.common.sql;

import com.fasterxml.jackson.annotation.JsonValue;
import io.handoff.common.Require;
import io.handoff.common.cluster.Secret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One SQL statement to execute: its text, its JDBC parameters in order, and the secrets it carries
 * (a replication password in a {@code CHANGE MASTER TO} literal or in a procedure argument).
 *
 * <p>{@link #sql()} and {@link #params()} are the real statement, for the driver only. Logs, events
 * and exceptions use {@link #loggable()} (also {@link #toString()} and the JSON form, should a
 * statement end up in step facts), where each secret, in the text and among the parameters, is
 * replaced by {@value Secret#MASK}.
 *
 * @param sql     statement text, with {@code ?} for each parameter
 * @param params  parameter values in order; {@code null} elements are allowed
 * @param secrets values to mask when the statement is shown
 */
public record SqlStatement(String sql, List<Object> params, List<Secret> secrets) {

    /** Validates the text and copies the lists. */
    public SqlStatement {
        Require.nonBlank(sql, "SqlStatement.sql");
        params = params == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(params));
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
    }

    /** A statement without secrets. */
    public static SqlStatement of(String sql, Object... params) {
        return new SqlStatement(sql, Arrays.asList(params), List.of());
    }

    /** This statement, also masking {@code secret} when shown. */
    public SqlStatement withSecret(Secret secret) {
        List<Secret> more = new ArrayList<>(secrets);
        more.add(Objects.requireNonNull(secret, "secret"));
        return new SqlStatement(sql, params, more);
    }

    /** This statement prepared on {@code connection}, its parameters bound in order; the caller closes it. */
    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement prepared = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.size(); i++) {
                prepared.setObject(i + 1, params.get(i));
            }
            return prepared;
        } catch (SQLException e) {
            prepared.close();
            throw e;
        }
    }

    /** The statement with every secret masked, followed by its parameters when it has any. */
    @JsonValue
    public String loggable() {
        String text = sql;
        List<Object> shown = new ArrayList<>(params);
        for (Secret secret : secrets) {
            if (!secret.empty()) {
                text = text.replace(SqlLiteral.quote(secret.reveal()), SqlLiteral.quote(Secret.MASK));
                shown.replaceAll(param -> secret.reveal().equals(param) ? Secret.MASK : param);
            }
        }
        return shown.isEmpty() ? text : text + " " + shown;
    }

    /** Same as {@link #loggable()}: never shows a secret. */
    @Override
    public String toString() {
        return loggable();
    }
}
