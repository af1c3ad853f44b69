package io.handoff.cutover.support;

import io.handoff.localstack.db.DatabaseServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Installs on a local server the {@code mysql.rds_*} procedures of Aurora MySQL (test resource
 * {@code aurora/rds-procedures.sql}), created by root as SQL SECURITY DEFINER procedures that do the
 * real thing, and removes them again.
 */
public final class RdsProcedures {
    private static final String[] PROCEDURES = {"rds_kill", "rds_stop_replication", "rds_start_replication",
        "rds_reset_external_master", "rds_set_external_master", "rds_set_external_master_with_auto_position",
        "rds_set_configuration"};

    private RdsProcedures() {
    }

    public static void install(DatabaseServer server) {
        try (InputStream sql = RdsProcedures.class.getResourceAsStream("/aurora/rds-procedures.sql")) {
            if (sql == null) {
                throw new IllegalStateException("test resource aurora/rds-procedures.sql is missing");
            }
            server.runAsRoot(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void remove(DatabaseServer server) {
        StringBuilder sql = new StringBuilder("SET sql_log_bin=0;\n");
        for (String procedure : PROCEDURES) {
            sql.append("DROP PROCEDURE IF EXISTS mysql.").append(procedure).append(";\n");
        }
        server.runAsRoot(sql.append("DROP TABLE IF EXISTS mysql.rds_configuration;\nSET sql_log_bin=1;\n").toString());
    }
}
