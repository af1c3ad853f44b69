package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.LocalStackOptions;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.db.StackFlavor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A pair of servers that cannot replicate must stop a whole migration at PRECHECK, before anything is changed:
 * the plan ends FAILED with a BLOCKING finding that names the reason, and the target is as it was (its schemas,
 * its GTID history, not a replica, its read-only switch). Real servers of each flavour, the four services as
 * packaged processes; one subclass per refused pair.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RefusedPairContract {
    private final List<StackFlavor> flavors;
    private final String blockingCheck;
    private final List<String> detailNames;
    private LocalStack stack;
    private HandoffServices services;
    private FlipScenario scenario;

    /**
     * @param flavors       the source's flavour, then the target's
     * @param blockingCheck the PRECHECK check that must block the plan
     * @param detailNames   what the finding's detail must name
     */
    protected RefusedPairContract(List<StackFlavor> flavors, String blockingCheck, List<String> detailNames) {
        this.flavors = flavors;
        this.blockingCheck = blockingCheck;
        this.detailNames = detailNames;
    }

    /** What the source holds besides the workload's tables that makes the pair impossible; nothing by default. */
    protected void prepareSource(Statement admin) throws SQLException {
    }

    @BeforeAll
    void startEverything() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), getClass().getSimpleName() + "-");
        stack = LocalStack.start(LocalStackOptions.freePorts(workDir.resolve("stack")).withFlavors(flavors.get(0), flavors.get(1)));
        Path repository = Path.of(System.getProperty("handoff.repository", "../.."));
        services = HandoffServices.start(repository, workDir, stack.coordinates(),
                Map.of("handoff.cutover.client-bin-dir", stack.source().dumpProgram().getParent().toString()));
        scenario = new FlipScenario(stack, services.planner(), List.of("storefront"), 50).monitored(1000).migrating("mysqldump");
        scenario.prepare();
        try (Connection admin = stack.source().connect(stack.accounts().admin()); Statement sql = admin.createStatement()) {
            prepareSource(sql);
        }
    }

    @AfterAll
    void stopEverything() {
        if (scenario != null) {
            scenario.close();
        }
        if (services != null) {
            services.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aMigrationEndsFailedAtPrecheckNamingWhyAndLeavesTheTargetUntouched() throws Exception {
        List<String> before = targetState(stack.target());

        JsonNode submitted = services.planner().submit(scenario.planDocument("source", "target", "writable-first", "30s"));
        JsonNode end = services.planner().awaitEnd(submitted.path("id").asText(), Duration.ofMinutes(3), view -> { });

        assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("FAILED");
        JsonNode precheck = stepOfType(end, "PRECHECK");
        assertThat(precheck.path("state").asText()).isEqualTo("FAILED");
        assertThat(end.path("reason").asText()).contains(precheck.path("stepId").asText()).contains("blocking");
        JsonNode finding = finding(precheck, blockingCheck);
        assertThat(finding).as("PRECHECK's findings: %s", precheck).isNotNull();
        assertThat(finding.path("severity").asText()).isEqualTo("BLOCKING");
        assertThat(finding.path("detail").asText()).contains(detailNames);
        for (JsonNode step : end.path("steps")) {
            if (!"PRECHECK".equals(step.path("type").asText())) {
                assertThat(step.path("state").asText()).as("%s after a refused PRECHECK", step.path("stepId").asText())
                        .isIn("PENDING", "SKIPPED");
            }
        }
        assertThat(targetState(stack.target())).as("the target's schemas, GTID history, replica status and read_only")
                .isEqualTo(before);
    }

    /** What a migration would change on the target, read from the server. */
    private List<String> targetState(DatabaseServer target) throws SQLException {
        List<String> state = new ArrayList<>();
        String gtids = target.flavor() == StackFlavor.MARIADB ? "@@GLOBAL.gtid_binlog_pos" : "@@GLOBAL.gtid_executed";
        try (Connection admin = target.connect(stack.accounts().admin()); Statement sql = admin.createStatement()) {
            try (ResultSet schemas = sql.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY 1")) {
                while (schemas.next()) {
                    state.add("schema " + schemas.getString(1));
                }
            }
            try (ResultSet row = sql.executeQuery("SELECT " + gtids + ", @@GLOBAL.read_only")) {
                row.next();
                state.add("gtids " + row.getString(1));
                state.add("read_only " + row.getString(2));
            }
            try (ResultSet replica = sql.executeQuery("SHOW REPLICA STATUS")) {
                state.add(replica.next() ? "a replica" : "not a replica");
            }
        }
        return state;
    }

    private static JsonNode stepOfType(JsonNode plan, String type) {
        for (JsonNode step : plan.path("steps")) {
            if (type.equals(step.path("type").asText())) {
                return step;
            }
        }
        throw new AssertionError("no " + type + " step in " + plan);
    }

    private static JsonNode finding(JsonNode step, String check) {
        JsonNode findings = step.path("failure").path("facts").path("findings");
        if (findings.isMissingNode()) {
            findings = step.path("facts").path("findings");
        }
        for (JsonNode finding : findings) {
            if (check.equals(finding.path("check").asText())) {
                return finding;
            }
        }
        return null;
    }
}
