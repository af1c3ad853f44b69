package io.handoff.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the metric names README documents each service serves at {@code /q/metrics} right now:
 * the demo's proof that the names dashboards rely on are really there after a flip.
 */
final class MetricsCheck {
    /** Documented metric -> the service that must serve it after a monitored flip. */
    static final Map<String, HandoffService> EXPECTED = documented();
    private static final Pattern SAMPLE = Pattern.compile("^(handoff_[a-z0-9_]+?)(_bucket|_count|_sum|_max)?[{ ]", Pattern.MULTILINE);

    private static Map<String, HandoffService> documented() {
        Map<String, HandoffService> expected = new LinkedHashMap<>();
        expected.put("handoff_replication_lag_ms", HandoffService.REPLICATION_MONITOR);
        expected.put("handoff_drift_rows_total", HandoffService.REPLICATION_MONITOR);
        expected.put("handoff_step_duration_seconds", HandoffService.CUTOVER);
        expected.put("handoff_flip_write_blocked_seconds", HandoffService.PLANNER);
        expected.put("handoff_dns_insync_seconds", HandoffService.DNS);
        return expected;
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final java.util.Set<String> seen = new TreeSet<>();

    /** Scrapes every service once and remembers the names served (some exist only while a monitor runs). */
    synchronized void scrape(HandoffServices services) {
        for (HandoffService service : java.util.EnumSet.copyOf(EXPECTED.values())) {
            seen.addAll(scrape(http, services.get(service).uri()));
        }
    }

    /** {@code present} and {@code missing}: the expected names served at some scrape, or at none. */
    synchronized Map<String, List<String>> result() {
        TreeSet<String> present = new TreeSet<>();
        TreeSet<String> missing = new TreeSet<>();
        EXPECTED.keySet().forEach(metric -> (seen.contains(metric) ? present : missing).add(metric));
        return Map.of("present", List.copyOf(present), "missing", List.copyOf(missing));
    }

    private static java.util.Set<String> scrape(HttpClient http, URI service) {
        TreeSet<String> names = new TreeSet<>();
        try {
            String text = http.send(HttpRequest.newBuilder(service.resolve("/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher sample = SAMPLE.matcher(text);
            while (sample.find()) {
                names.add(sample.group(1));
            }
        } catch (IOException e) {
            names.add("(unreachable: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return names;
    }
}
