package io.handoff.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.common.json.Json;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.LocalStackOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./demo}: starts the local stack and the four services, sets up replication and a workload of
 * two applications writing through DNS, posts a flip plan and prints a line per step, then prints the
 * summary and writes it to {@code target/demo-summary.json}. Exits 1 when an invariant failed.
 *
 * <pre>
 * DemoMain --repository DIR --work-dir DIR [--order writable-first|dns-first] [--rate N] [--keep-running true] [--migrate true|false]
 * </pre>
 */
public final class DemoMain {
    /** The demo's lag gate: READ_ONLY waits until the monitor measures at most this. */
    private static final int MAX_LAG_MS = 1000;
    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = flags(args);
        Path repository = Path.of(flags.getOrDefault("--repository", ".")).toAbsolutePath();
        Path workDir = Path.of(flags.getOrDefault("--work-dir", ".demo")).toAbsolutePath();
        String order = flags.getOrDefault("--order", "writable-first");
        double rate = Double.parseDouble(flags.getOrDefault("--rate", "500"));
        boolean keepRunning = Boolean.parseBoolean(flags.getOrDefault("--keep-running", "false"));
        boolean migrate = Boolean.parseBoolean(flags.getOrDefault("--migrate", "true"));

        say("starting the local stack (logs and data in " + workDir + ")");
        try (LocalStack stack = LocalStack.start(LocalStackOptions.freePorts(workDir.resolve("stack")))) {
            say("local stack:\n" + stack.coordinates().describe());
            say("starting the four services");
            // The cutover service seeds the target with the stack's own mysqldump (mariadb-dump).
            Map<String, String> cutover = Map.of("handoff.cutover.client-bin-dir",
                    stack.source().program("mariadb-dump").getParent().toString());
            try (HandoffServices services = HandoffServices.start(repository, workDir, stack.coordinates(), cutover)) {
                for (HandoffService service : HandoffService.values()) {
                    say(String.format("  %-20s %s", service.module(), services.get(service).uri()));
                }
                say(String.format("  %-20s %s/  (user operator, password in %s)", "dashboard",
                        services.get(HandoffService.PLANNER).uri(), workDir.resolve("planner.properties")));
                MetricsCheck metricsCheck = new MetricsCheck();
                FlipOutcome outcome = runFlip(stack, services, order, rate, migrate, metricsCheck);
                metricsCheck.scrape(services);
                Map<String, List<String>> metrics = metricsCheck.result();
                Map<String, Object> summaryValues = Json.mapper().convertValue(outcome, new TypeReference<LinkedHashMap<String, Object>>() { });
                summaryValues.put("metrics", metrics);
                if (!metrics.get("missing").isEmpty()) {
                    say("documented metrics not served: " + metrics.get("missing"));
                }
                Path summary = writeSummary(repository.resolve("target").resolve("demo-summary.json"), summaryValues);
                say("summary (" + summary + "):\n" + Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(summaryValues));
                if (keepRunning) {
                    say("everything stays up; Ctrl-C stops it");
                    new CountDownLatch(1).await();
                }
                if (!outcome.invariantsHold() || !"COMPLETED".equals(outcome.planStatus())) {
                    say("FAILED: " + (outcome.invariantsHold() ? "the plan ended " + outcome.planStatus() : "an invariant failed"));
                    System.exit(1);
                }
            }
        }
    }

    private static FlipOutcome runFlip(LocalStack stack, HandoffServices services, String order, double rate,
            boolean migrate, MetricsCheck metrics) throws Exception {
        try (FlipScenario scenario = new FlipScenario(stack, services.planner(), List.of("storefront", "billing"), rate)
                .monitored(MAX_LAG_MS)) {
            if (migrate) {
                scenario.migrating("mysqldump");
                say("starting the workload on the source (" + rate + " writes/s per application); the target is empty");
            } else {
                say("seeding the target, starting replication and the workload (" + rate + " writes/s per application)");
            }
            scenario.prepare();
            say("posting the plan (" + (migrate ? "prepare: precheck, binlog retention, seed by mysqldump, replication,"
                    + " monitor, caught-up gate, verify; then " : "") + "the flip, " + order + ")");
            Map<String, String> printed = new HashMap<>();
            return scenario.flip("source", "target", order, "30s", view -> {
                printChanges(view, printed);
                if (stepSucceeded(view, "READ_ONLY") && printed.put("(metrics scraped)", "yes") == null) {
                    metrics.scrape(services); // while the monitor runs: its lag gauge exists only then
                }
            });
        }
    }

    private static boolean stepSucceeded(JsonNode view, String type) {
        for (JsonNode step : view.path("steps")) {
            if (step.path("type").asText().equals(type) && step.path("state").asText().equals("SUCCEEDED")) {
                return true;
            }
        }
        return false;
    }

    /** One line per step state change: the live view of the plan. */
    private static void printChanges(JsonNode view, Map<String, String> printed) {
        for (JsonNode step : view.path("steps")) {
            printStep(step, printed);
        }
        if (view.path("rollback").isObject()) {
            printStep(view.path("rollback"), printed);
        }
        String status = view.path("status").asText();
        if (!status.equals(printed.put("(plan)", status))) {
            say("plan " + status + (view.path("reason").isTextual() ? ": " + view.path("reason").asText() : ""));
        }
    }

    private static void printStep(JsonNode step, Map<String, String> printed) {
        String state = step.path("state").asText();
        if (state.equals("PENDING") || state.equals(printed.put(step.path("stepId").asText(), state))) {
            return;
        }
        String duration = step.path("durationMs").isNumber() ? step.path("durationMs").asLong() + " ms" : "";
        String detail = step.path("failure").isObject() ? step.path("failure").path("reason").asText()
                : step.path("facts").isObject() && step.path("facts").size() > 0 ? step.path("facts").toString() : "";
        say(String.format("  %-28s %-9s %7s  %s", step.path("stepId").asText(), state, duration, detail));
    }

    private static Path writeSummary(Path file, Map<String, Object> summary) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        return file;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            flags.put(args[i], args[i + 1]);
        }
        return flags;
    }
}
