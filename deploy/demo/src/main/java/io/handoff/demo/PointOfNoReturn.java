package io.handoff.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.common.sql.ReplicaStatusColumns;
import io.handoff.common.sql.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * Declares the point of no return of a completed flip as an operator would ({@code POST
 * /plans/{id}/point-of-no-return}), waits until the planner reports it reached or failed, and checks
 * what it promises: the old master no longer replicates from the new one, and a flip back is refused.
 */
final class PointOfNoReturn {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final PlannerClient planner;
    private final DbAccount admin;

    PointOfNoReturn(PlannerClient planner, DbAccount admin) {
        this.planner = planner;
        this.admin = admin;
    }

    /**
     * What the point of no return of the completed plan {@code planId} did.
     *
     * @param planId               the plan it was declared on
     * @param completed            the planner reported it reached ({@code pointOfNoReturnAt})
     * @param state                the point-of-no-return step's state as the planner last showed it
     * @param failure              the step's failure reason, when it failed
     * @param durationMs           from the request to the planner reporting it reached or failed
     * @param oldMasterReplication the old master's replica configuration afterwards ("host io sql", or
     *                             "not a replica")
     * @param flipBackRefusedWith  the planner's status for a flip back requested afterwards (201 if it was
     *                             wrongly started)
     * @param flipBackRefusal      the planner's reason for the refusal
     */
    record Outcome(String planId, boolean completed, String state, String failure, long durationMs,
            String oldMasterReplication, int flipBackRefusedWith, String flipBackRefusal) {

        /** Reached, the old master replicates no more, and flip back is refused with 409. */
        boolean holds() {
            return completed && NOT_A_REPLICA.equals(oldMasterReplication) && flipBackRefusedWith == 409;
        }
    }

    static final String NOT_A_REPLICA = "not a replica";

    /** Declares it on {@code planId}, whose old master is {@code oldMaster}, and checks it. */
    Outcome declare(String planId, DatabaseServer oldMaster) throws SQLException {
        Instant asked = Instant.now();
        planner.pointOfNoReturn(planId);
        JsonNode view = planner.get(planId);
        Instant deadline = asked.plus(TIMEOUT);
        while (!ended(view) && Instant.now().isBefore(deadline)) {
            pause();
            view = planner.get(planId);
        }
        long durationMs = Duration.between(asked, Instant.now()).toMillis();
        JsonNode step = view.path("pointOfNoReturn");
        int refusedWith;
        String refusal;
        try {
            JsonNode started = planner.flipBack(planId);
            refusedWith = 201;
            refusal = "a flip back was started: plan " + started.path("id").asText();
        } catch (PlanRefusedException refused) {
            refusedWith = refused.status();
            refusal = refused.getMessage();
        }
        return new Outcome(planId, view.path("pointOfNoReturnAt").isTextual(), step.path("state").asText(null),
                step.path("failure").isObject() ? step.path("failure").path("reason").asText() : null, durationMs,
                replicaOf(oldMaster), refusedWith, refusal);
    }

    private static boolean ended(JsonNode view) {
        return view.path("pointOfNoReturnAt").isTextual() || "FAILED".equals(view.path("pointOfNoReturn").path("state").asText());
    }

    /** "host io sql" of the server's replica configuration, or {@link #NOT_A_REPLICA}. */
    private String replicaOf(DatabaseServer server) throws SQLException {
        // The server's own statement and column names: MySQL 9 has no SHOW SLAVE STATUS.
        SqlDialect dialect = SqlDialect.of(server.flavor().serverFlavor());
        ReplicaStatusColumns columns = dialect.replicaStatusColumns();
        try (Connection connection = server.connect(admin); Statement sql = connection.createStatement();
                ResultSet status = sql.executeQuery(dialect.replicaStatus().sql())) {
            if (!status.next()) {
                return NOT_A_REPLICA;
            }
            return status.getString(columns.sourceHost()) + " " + status.getString(columns.ioRunning()) + " "
                    + status.getString(columns.sqlRunning());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
