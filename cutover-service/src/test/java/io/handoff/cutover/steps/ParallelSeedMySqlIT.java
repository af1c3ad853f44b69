package io.handoff.cutover.steps;

import static io.handoff.cutover.support.StepEventAssertions.fact;
import static io.handoff.cutover.support.StepEventAssertions.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.cutover.support.ClientProgramsTestResource;
import io.handoff.cutover.support.Servers;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link ParallelSeedContract} from Oracle MySQL to Oracle MySQL (the failsafe execution {@code mysql-stack}), whose
 * rows go by {@code LOAD DATA LOCAL INFILE}, or by {@code INSERT}s where the target's {@code local_infile} is OFF.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(ClientProgramsTestResource.class)
@EnabledIfSystemProperty(named = "handoff.stack.source-flavor", matches = "mysql")
@EnabledIfSystemProperty(named = "handoff.stack.target-flavor", matches = "mysql")
class ParallelSeedMySqlIT extends ParallelSeedContract {
    /** The digest of the seed's {@code LOAD DATA}, up to its table's name. */
    private static final String LOAD_DATA = "LOAD DATA LOCAL INFILE ? INTO TABLE";
    /** The digest of an execution of a prepared {@code INSERT}, up to its table's name. */
    private static final String INSERT = "EXECUTE INSERT INTO";

    /** Issue 20: MySQL 8.0+ ships with local_infile OFF; such a target is seeded the slower way, as intact. */
    @Test
    void aTargetWhoseLocalInfileIsOffIsSeededWithInsertsAsIntact() throws Exception {
        schema.create(stack.source());
        admin(stack.target(), "SET GLOBAL local_infile = OFF");
        StepEvent seed;
        try {
            seed = succeeded(bus.run(seedCommand()));
        } finally {
            admin(stack.target(), "SET GLOBAL local_infile = ON");
        }

        assertThat(((Number) fact(seed, StepParams.FACT_ROWS)).longValue()).isEqualTo(schema.rows(stack.source()));
        assertThat(statementsOnTarget(LOAD_DATA)).as("LOAD DATA statements").isZero();
        assertThat(statementsOnTarget(INSERT)).as("INSERT statements").isPositive();
        assertThat(schema.mixedRows(stack.target())).as("every value of every type").isEqualTo(schema.mixedRows(stack.source()));
        assertThat(schema.checksums(stack.target())).as("every table's checksum").isEqualTo(schema.checksums(stack.source()));
    }

    @Override
    protected void assertRowsWrittenTheFastestWay() throws SQLException {
        assertThat(statementsOnTarget(LOAD_DATA)).as("LOAD DATA statements").isPositive();
        assertThat(statementsOnTarget(INSERT)).as("INSERT statements").isZero();
    }

    @Override
    protected void assertNoTableLockedOnTheSource() throws SQLException {
        assertThat(statements(stack.source(), "SCHEMA_NAME = '" + schema.name() + "' AND DIGEST_TEXT LIKE 'LOCK TABLE%'"))
                .as("LOCK TABLES statements on the source").isZero();
    }

    @Override
    protected void standalone() throws SQLException {
        new Servers(stack).standaloneMySql();
    }

    @Override
    protected void assertNoGtidOfTheTargetsOwn(String position) throws SQLException {
        String targetUuid = value(stack.target(), "SELECT @@GLOBAL.server_uuid");
        assertThat(position).isNotEmpty().doesNotContain(targetUuid);
        assertThat(value(stack.target(), "SELECT @@GLOBAL.gtid_executed").replaceAll("\\s+", "")).as("the target's gtid_executed"
                + " is the snapshot's set, nothing of its own").isEqualTo(position);
    }

    /** Statements the target ran into a table of the seeded schema, of one {@code kind} (by their digests). */
    private long statementsOnTarget(String kind) throws SQLException {
        return statements(stack.target(), "DIGEST_TEXT LIKE '" + kind + " `" + schema.name() + "` .%'");
    }

    /** Statements {@code server} ran whose digest matches {@code condition} (on performance_schema's digest summary). */
    private long statements(DatabaseServer server, String condition) throws SQLException {
        return Long.parseLong(value(server, "SELECT COALESCE(SUM(COUNT_STAR), 0) FROM"
                + " performance_schema.events_statements_summary_by_digest WHERE " + condition));
    }
}
