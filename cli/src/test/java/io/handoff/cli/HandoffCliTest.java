package io.handoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI against a stand-in planner (the JDK's HTTP server answering like the planner's API): what the
 * operator reads and which exit status scripts see. The whole-plan proof against the real planner is
 * {@code CliIT} in deploy/demo.
 */
class HandoffCliTest {
    private static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
    /** A stand-in for an OIDC access token of an operator (the stand-in planner only compares it). */
    private static final String OPERATOR_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

    private HttpServer planner;
    private final List<String> requests = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startPlanner() throws IOException {
        planner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        planner.createContext("/", this::answer);
        planner.start();
    }

    @AfterEach
    void stopPlanner() {
        planner.stop(0);
    }

    @Test
    void invalidPlanListsEveryFindingAndExitsOne(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "name: x\n");
        int status = run("plan", "submit", file.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString())
                .contains("Invalid plan (400): 2 problems")
                .contains("  - flip.order: must be writable-first or dns-first")
                .contains("  - applications: at least one application is required");
        assertThat(requests).containsExactly("POST /plans application/yaml");
    }

    @Test
    void dryRunPrintsTheCompiledStepsAndStartsNothing(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plan.json"), "{\"name\":\"ok\"}");
        int status = run("plan", "submit", "--dry-run", file.toString());
        assertThat(status).isZero();
        assertThat(out.toString()).contains("dry run: valid, 2 steps, nothing started")
                .containsPattern("1\\s+source\\s+READ_ONLY\\s+CUTOVER\\s+PENDING")
                .contains("rollback if a step before the DNS switch fails:");
        assertThat(requests).containsExactly("POST /plans?dryRun=true application/json");
    }

    @Test
    void showPrintsTheTimelineWithDurationsAndFacts() {
        int status = run("plan", "show", "p1");
        assertThat(status).isZero();
        assertThat(out.toString()).contains("plan p1 \"orders\"  source -> target  writable-first  COMPLETED")
                .containsPattern("2\\s+target\\s+WRITABLE\\s+CUTOVER\\s+SUCCEEDED\\s+12 ms\\s+readOnly=false");
    }

    @Test
    void aViewerIsToldItLacksTheOperatorRole() {
        int status = run(Map.of("HANDOFF_USER", "victor", "HANDOFF_PASSWORD", "viewer-pw"), "plan", "pause", "p1");
        assertThat(status).isEqualTo(4);
        assertThat(err.toString()).contains("'victor' may not POST /plans/p1/pause (403): changes need the operator role");
    }

    @Test
    void wrongCredentialsAreReportedWithoutThePassword() {
        int status = run(Map.of("HANDOFF_USER", "alice", "HANDOFF_PASSWORD", "wrong-password"), "plan", "list");
        assertThat(status).isEqualTo(4);
        assertThat(err.toString()).contains("did not accept the credentials of 'alice' (401)").doesNotContain("wrong-password");
    }

    @Test
    void aTokenFromTheEnvironmentIsSentAsBearerInPlaceOfTheUsersPassword(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plan.json"), "{\"name\":\"ok\"}");
        int status = run(Map.of("HANDOFF_TOKEN", OPERATOR_TOKEN, "HANDOFF_USER", "alice", "HANDOFF_PASSWORD", "s3cret"),
                "plan", "submit", "--dry-run", file.toString());
        assertThat(status).isZero();
        assertThat(authorizations).containsExactly("Bearer " + OPERATOR_TOKEN);
        assertThat(out.toString() + err).doesNotContain(OPERATOR_TOKEN);
    }

    @Test
    void aTokenFromAFileNeedsNoUserAndARefusedTokenIsNotPrinted(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("token"), OPERATOR_TOKEN + "\n");
        assertThat(run(Map.of(), "plan", "show", "--token-file", good.toString(), "p1")).isZero();
        assertThat(authorizations).containsExactly("Bearer " + OPERATOR_TOKEN);

        Path expired = Files.writeString(dir.resolve("expired"), "expired-token-value");
        int status = run(Map.of(), "plan", "pause", "--token-file", expired.toString(), "p1");
        assertThat(status).isEqualTo(4);
        assertThat(authorizations).last().isEqualTo("Bearer expired-token-value");
        assertThat(err.toString()).contains("did not accept the bearer token").contains("(401) for POST /plans/p1/pause")
                .doesNotContain("expired-token-value");
        assertThat(out.toString()).doesNotContain("expired-token-value").doesNotContain(OPERATOR_TOKEN);
    }

    @Test
    void theTokenIsNeverAnArgumentAndExcludesAPasswordFile(@TempDir Path dir) throws IOException {
        Path password = Files.writeString(dir.resolve("password"), "s3cret");
        assertThat(run(Map.of(), "plan", "list", "--token", "--password-file", password.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("exclude each other");

        assertThat(run(Map.of(), "plan", "list", "--token")).isEqualTo(4);
        assertThat(err.toString()).contains("no bearer token: set HANDOFF_TOKEN or pass --token-file");

        assertThat(run(Map.of(), "plan", "list", "--token", OPERATOR_TOKEN)).isEqualTo(2);
        assertThat(authorizations).isEmpty();
        assertThat(err.toString()).as("a token typed as an argument is not echoed").doesNotContain(OPERATOR_TOKEN)
                .contains("not shown since they may hold a secret");
        assertThat(out.toString()).doesNotContain(OPERATOR_TOKEN);

        assertThat(run(Map.of(), "plan", "lst")).as("a typo is still named").isEqualTo(2);
        assertThat(err.toString()).contains("lst");
    }

    @Test
    void pointOfNoReturnWithoutTerminalNeedsYesAndSendsNothing() {
        int status = run("plan", "point-of-no-return", "p1");
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("needs confirmation: run it on a terminal or add --yes");
        assertThat(requests).isEmpty();
    }

    @Test
    void refusedFlipBackShowsTheConflict() {
        int status = run("plan", "flip-back", "--yes", "p1");
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("Conflict (409): plan p1 passed its point of no return");
    }

    @Test
    void unreachablePlannerExitsThree() {
        int status = run("plan", "list", "--planner", "http://127.0.0.1:1");
        assertThat(status).isEqualTo(3);
        assertThat(err.toString()).contains("cannot reach the planner at http://127.0.0.1:1");
    }

    private int run(String... args) {
        return run(Map.of("HANDOFF_USER", "alice", "HANDOFF_PASSWORD", "s3cret"), args);
    }

    private int run(Map<String, String> environment, String... args) {
        CommandLine line = HandoffCli.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--planner")) {
            all.add("--planner");
            all.add("http://127.0.0.1:" + planner.getAddress().getPort());
        }
        PlannerOptions.environmentForTests = environment;
        try {
            return line.execute(all.toArray(String[]::new));
        } finally {
            PlannerOptions.environmentForTests = null;
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth);
        if (("Bearer " + OPERATOR_TOKEN).equals(auth)) {
            auth = OPERATOR;
        }
        String path = exchange.getRequestURI().toString();
        String method = exchange.getRequestMethod();
        if (auth == null || !OPERATOR.equals(auth) && !auth.equals("Basic " + Base64.getEncoder().encodeToString("victor:viewer-pw".getBytes(StandardCharsets.UTF_8)))) {
            reply(exchange, 401, "");
            return;
        }
        if (method.equals("POST") && !OPERATOR.equals(auth)) {
            reply(exchange, 403, "");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        requests.add(method + " " + path + (method.equals("POST") && path.startsWith("/plans?") || path.equals("/plans") && method.equals("POST") ? " " + type : ""));
        switch (method + " " + path) {
            case "POST /plans" -> reply(exchange, 400, """
                    {"type":"about:blank","title":"Invalid plan","status":400,"detail":"2 problems","errors":[
                    {"field":"flip.order","message":"must be writable-first or dns-first"},
                    {"field":"applications","message":"at least one application is required"}]}""");
            case "POST /plans?dryRun=true" -> reply(exchange, 200, """
                    {"valid":true,"steps":[%s,%s],"rollback":%s}""".formatted(
                    step("source", "READ_ONLY", "PENDING", null, "{}"), step("target", "WRITABLE", "PENDING", null, "{}"),
                    step("source", "ROLLBACK", "PENDING", null, "{}")));
            case "GET /plans/p1" -> reply(exchange, 200, """
                    {"id":"p1","name":"orders","source":"source","target":"target","order":"writable-first",
                     "status":"COMPLETED","steps":[%s,%s]}""".formatted(
                    step("source", "READ_ONLY", "SUCCEEDED", 40L, "{\"readOnly\":true}"),
                    step("target", "WRITABLE", "SUCCEEDED", 12L, "{\"readOnly\":false}")));
            case "POST /plans/p1/flip-back" -> reply(exchange, 409, """
                    {"type":"about:blank","title":"Conflict","status":409,"detail":"plan p1 passed its point of no return"}""");
            default -> reply(exchange, 404, "{\"title\":\"Not Found\",\"status\":404}");
        }
    }

    private static String step(String id, String type, String state, Long ms, String facts) {
        return """
                {"stepId":"%s","type":"%s","executor":"CUTOVER","state":"%s","durationMs":%s,"facts":%s}"""
                .formatted(id, type, state, ms, facts);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
