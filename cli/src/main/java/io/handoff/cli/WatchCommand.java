package io.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code handoff plan watch ID}: prints the timeline, then one line per step that changes state, live,
 * until the plan ends. Plan events (server-sent, {@code /plans/{id}/events}) trigger each refresh; a
 * refresh also runs every {@code --refresh} so nothing is missed between the first read and the
 * subscription. Exit status 0 when the plan ends COMPLETED, 1 when it ends otherwise.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Follow a plan live until it ends; exit 0 when it COMPLETED.")
final class WatchCommand implements Callable<Integer> {
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "ROLLED_BACK", "FAILED", "ABORTED");

    @Mixin
    PlannerOptions planner = new PlannerOptions();

    @Parameters(paramLabel = "ID", description = "The plan id.")
    String id;

    @Option(names = "--refresh", paramLabel = "SECONDS", defaultValue = "2",
            description = "Re-read the plan at least this often (default ${DEFAULT-VALUE}).")
    long refreshSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PlannerApi api = planner.api();
        PrintWriter out = spec.commandLine().getOut();
        String path = "/plans/" + PlanActions.segment(id);
        JsonNode plan = api.get(path);
        PlanText.timeline(plan).forEach(out::println);
        out.flush();
        Map<String, String> seen = states(plan);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Thread reader = daemon("plan-events", () -> readEvents(api, path, events));
        MonitorLines monitor = new MonitorLines(Duration.ofSeconds(Math.max(1, refreshSeconds)));
        Thread lag = daemon("plan-monitor", () -> readMonitor(api, "/dashboard/plans/" + PlanActions.segment(id) + "/monitor",
                monitor, events));
        try {
            while (!TERMINAL.contains(plan.path("status").asText())) {
                String event = events.poll(Duration.ofSeconds(Math.max(1, refreshSeconds)).toMillis(), TimeUnit.MILLISECONDS);
                if (event != null) {
                    out.println(EventText.line(event));
                }
                plan = api.get(path);
                printChanges(out, plan, seen);
                out.flush();
            }
        } finally {
            reader.interrupt();
            lag.interrupt();
        }
        out.println(PlanText.header(plan));
        out.flush();
        return "COMPLETED".equals(plan.path("status").asText()) ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Lag (at most one line per refresh period) and every drift report, queued as lines to print. */
    private static void readMonitor(PlannerApi api, String path, MonitorLines monitor, BlockingQueue<String> events) {
        try {
            api.stream(path, (name, data) -> {
                monitor.line(name, data).ifPresent(line -> events.add(EventText.PRINTED + line));
                return !Thread.currentThread().isInterrupted();
            });
        } catch (PlannerException e) {
            // A planner without the dashboard's monitor stream: the timeline alone is shown.
        }
    }

    private static void readEvents(PlannerApi api, String path, BlockingQueue<String> events) {
        try {
            api.stream(path + "/events", (name, data) -> {
                events.add(data);
                return !Thread.currentThread().isInterrupted();
            });
        } catch (PlannerException e) {
            events.add("{\"kind\":\"WATCH_STREAM_LOST\",\"details\":{\"reason\":\"" + e.getMessage().replace('"', '\'') + "\"}}");
        }
    }

    private static void printChanges(PrintWriter out, JsonNode plan, Map<String, String> seen) {
        int number = 1;
        for (JsonNode step : plan.path("steps")) {
            String key = step.path("stepId").asText() + "#" + number;
            // A running step's progress report counts as a change too: one line per report.
            String state = step.path("state").asText() + PlanText.progress(step).map(progress -> " " + progress).orElse("");
            if (!state.equals(seen.put(key, state))) {
                out.println(PlanText.stepLine(plan, Integer.toString(number), step));
            }
            number++;
        }
        for (String extra : new String[] {"rollback", "pointOfNoReturn"}) {
            JsonNode step = plan.path(extra);
            if (!step.isMissingNode() && !step.isNull() && !step.path("state").asText().equals(seen.put(extra, step.path("state").asText()))) {
                out.println(PlanText.stepLine(plan, "-", step));
            }
        }
    }

    private static Map<String, String> states(JsonNode plan) {
        Map<String, String> states = new HashMap<>();
        int number = 1;
        for (JsonNode step : plan.path("steps")) {
            states.put(step.path("stepId").asText() + "#" + number++, step.path("state").asText());
        }
        for (String extra : new String[] {"rollback", "pointOfNoReturn"}) {
            if (plan.hasNonNull(extra)) {
                states.put(extra, plan.get(extra).path("state").asText());
            }
        }
        return states;
    }
}
