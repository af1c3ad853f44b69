package io.handoff.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard in deploy/grafana only charts metrics the README documents as stable. */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("../grafana/handoff-dashboard.json");
    private static final Path README = Path.of("../../README.md");
    private static final Pattern METRIC = Pattern.compile("\\bhandoff_[a-z0-9_]+");
    private static final Pattern SERIES_SUFFIX = Pattern.compile("_(bucket|count|sum|max)$");

    @Test
    void everyChartedMetricIsADocumentedMetric() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> charted = new TreeSet<>();
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher metric = METRIC.matcher(expr.asText());
            while (metric.find()) {
                charted.add(SERIES_SUFFIX.matcher(metric.group()).replaceFirst(""));
            }
        }
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("^\\| `(handoff_[a-z0-9_]+)`", Pattern.MULTILINE).matcher(Files.readString(README));
        while (row.find()) {
            documented.add(row.group(1));
        }

        assertThat(charted).isNotEmpty();
        assertThat(documented).containsAll(charted);
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(charted.size() - 1);
    }
}
