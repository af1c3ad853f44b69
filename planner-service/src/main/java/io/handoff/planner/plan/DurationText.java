package io.handoff.planner.plan;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: {@code 500ms}, {@code 30s}, {@code 2m}, or ISO-8601 {@code PT30S}. */
final class DurationText {
    private static final Pattern SHORT = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h)");

    private DurationText() {
    }

    static Optional<Duration> parse(String text) {
        String trimmed = text.trim();
        Matcher matcher = SHORT.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return Optional.of(switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
        }
        try {
            return Optional.of(Duration.parse(trimmed));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
