package io.handoff.cutover.steps;

import static io.handoff.cutover.support.Servers.A;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.support.ClientProgramsTestResource;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SNAPSHOT of a self-managed server: a consistent logical dump to a file that restores to the same rows. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(ClientProgramsTestResource.class)
class SnapshotTest extends ReplicatedPairFixture {
    private final List<Path> written = new ArrayList<>();
    private String scratch;

    @AfterEach
    void removeSnapshotAndScratch() throws Exception {
        for (Path file : written) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
        if (scratch != null) {
            servers.b().runAsRoot("SET sql_log_bin=0;\nDROP DATABASE IF EXISTS " + scratch + ";\nSET sql_log_bin=1;\n");
        }
    }

    @Test
    void snapshotOfTheReadOnlySourceRestoresIntoAScratchSchemaWithEqualRowCounts() throws Exception {
        String schema = table.substring(0, table.indexOf('.'));
        servers.admin(servers.a(), "CREATE TABLE " + schema + ".no_key (v INT, note VARCHAR(20))",
                "INSERT INTO " + schema + ".no_key VALUES (1, 'one'), (2, 'two'), (2, 'two')");
        for (int i = 1; i <= 250; i++) {
            servers.insert(servers.a(), servers.app(), table, i, "before");
        }
        succeeds(StepType.READ_ONLY, on(A));

        StepCommand snapshot = plan.command(StepType.SNAPSHOT, Map.of(StepParams.CLUSTER, A, StepParams.SCHEMAS, List.of(schema)));
        StepEvent taken = succeeds(snapshot);

        Path file = Path.of((String) fact(taken, StepParams.FACT_SNAPSHOT));
        written.add(file);
        assertThat(file).isRegularFile();
        assertThat(((Number) fact(taken, StepParams.FACT_BYTES)).longValue()).isEqualTo(Files.size(file));
        assertThat(fact(taken, StepParams.FACT_POSITION)).isEqualTo(servers.binlogPosition(servers.a()));
        assertThat(fact(taken, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(false);

        StepEvent again = succeeds(plan.retry(snapshot));
        assertThat(fact(again, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(true);
        assertThat(fact(again, StepParams.FACT_SNAPSHOT)).isEqualTo(file.toString());

        scratch = "scratch_" + schema;
        restore(servers.b(), file, schema, scratch);
        for (String name : List.of("rows", "no_key")) {
            assertThat(servers.value(servers.b(), "SELECT COUNT(*) FROM " + scratch + "." + name)).as(name)
                    .isEqualTo(servers.value(servers.a(), "SELECT COUNT(*) FROM " + schema + "." + name));
        }
        assertThat(servers.value(servers.b(), "SELECT COUNT(*) FROM " + scratch + ".rows")).isEqualTo("250");
    }

    /** Loads the dump into {@code into} instead of {@code schema}, as root, without binlogging (B is a replica). */
    private static void restore(DatabaseServer server, Path dump, String schema, String into) throws Exception {
        Pattern name = Pattern.compile("`" + Pattern.quote(schema) + "`");
        StringBuilder script = new StringBuilder();
        for (String line : Files.readAllLines(dump, StandardCharsets.UTF_8)) {
            boolean names = line.startsWith("CREATE DATABASE") || line.startsWith("USE ");
            script.append(names ? name.matcher(line).replaceAll("`" + into + "`") : line).append('\n');
        }
        Path rewritten = Files.createTempFile("snapshot-restore-", ".sql");
        try {
            Files.writeString(rewritten, script, StandardCharsets.UTF_8);
            Process load = new ProcessBuilder(server.program("mariadb").toString(), "--protocol=socket",
                    "--socket=" + server.socket(), "--user=root", "--init-command=SET sql_log_bin=0")
                    .redirectInput(rewritten.toFile()).redirectErrorStream(true).start();
            String output = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(load.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(load.exitValue()).as(output).isZero();
        } finally {
            deleteQuietly(rewritten);
        }
    }

    private static void deleteQuietly(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
