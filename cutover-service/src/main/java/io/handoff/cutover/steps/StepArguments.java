package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.UnknownClusterException;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.kit.steps.StepFailedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The params of one command ({@link StepParams} names them), read with the check that each is
 * present and well-formed. A missing or malformed param is a terminal failure that changed nothing.
 */
final class StepArguments {
    private static final String NOTHING_CHANGED = "nothing was changed";

    private final StepCommand command;
    private final ClusterRegistry registry;

    StepArguments(StepCommand command, ClusterRegistry registry) {
        this.command = command;
        this.registry = registry;
    }

    /** The plan the command belongs to. */
    /** The command the arguments are of. */
    StepCommand command() {
        return command;
    }

    String planId() {
        return command.planId();
    }

    /** The step the command runs (the same for every attempt). */
    String stepId() {
        return command.stepId();
    }

    /** The command's deadline: waits end there. */
    java.time.Instant deadline() {
        return command.deadline();
    }

    /** {@code true} when the command carries param {@code key}. */
    boolean has(String key) {
        return command.params().containsKey(key);
    }

    /** The registered cluster named by param {@code key}. */
    ClusterSpec cluster(String key) throws StepFailedException {
        String name = text(key);
        try {
            return registry.require(name);
        } catch (UnknownClusterException e) {
            throw invalid(key, e.getMessage());
        }
    }

    /** The registered cluster named by param {@code key}, if the command names one. */
    ClusterSpec optionalCluster(String key) {
        Object value = command.params().get(key);
        return value instanceof String name ? registry.find(name).orElse(null) : null;
    }

    /** A non-blank text param. */
    String text(String key) throws StepFailedException {
        Object value = command.params().get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw invalid(key, value == null ? "missing" : "not a non-blank string");
        }
        return text;
    }

    /**
     * A GTID position; the empty set is a position too (a server that has written nothing yet), so
     * only a missing or non-text value is refused.
     */
    String position(String key) throws StepFailedException {
        Object value = command.params().get(key);
        if (!(value instanceof String text)) {
            throw invalid(key, value == null ? "missing" : "not a string");
        }
        return text;
    }

    /** A list of names, empty when the param is absent. */
    Set<String> names(String key) throws StepFailedException {
        Object value = command.params().get(key);
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw invalid(key, "not a list of names");
        }
        Set<String> names = new TreeSet<>();
        list.forEach(name -> names.add((String) name));
        return names;
    }

    /** A map of names to texts, empty when the param is absent. */
    Map<String, String> texts(String key) throws StepFailedException {
        Object value = command.params().get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map) || !map.entrySet().stream()
                .allMatch(e -> e.getKey() instanceof String && e.getValue() instanceof String)) {
            throw invalid(key, "not a map of names to texts");
        }
        Map<String, String> texts = new TreeMap<>();
        map.forEach((name, text) -> texts.put((String) name, (String) text));
        return texts;
    }

    /** A boolean ({@code true}/{@code false}, as JSON or text), {@code fallback} when the param is absent. */
    boolean flag(String key, boolean fallback) throws StepFailedException {
        Object value = command.params().get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw invalid(key, "not true or false");
    }

    /** {@link StepParams#REPLICATION_SSL}: whether replication is encrypted; {@code true} unless the plan says otherwise. */
    boolean replicationEncrypted() throws StepFailedException {
        return flag(StepParams.REPLICATION_SSL, true);
    }

    /** A positive whole number. */
    long positive(String key) throws StepFailedException {
        Object value = command.params().get(key);
        try {
            long number = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, value == null ? "missing" : "not a positive whole number");
    }

    /** A terminal failure naming the param and its problem; nothing was changed. */
    StepFailedException invalid(String key, String problem) {
        return StepFailedException.terminal(command.type() + " param '" + key + "' is " + problem, NOTHING_CHANGED);
    }

    /** {@link StepParams#TIMEOUT_MS}, or {@code fallback} when absent. */
    Duration timeout(Duration fallback) throws StepFailedException {
        Object value = command.params().get(StepParams.TIMEOUT_MS);
        if (value == null) {
            return fallback;
        }
        try {
            long millis = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().strip());
            if (millis >= 1) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(StepParams.TIMEOUT_MS, "not a positive number of milliseconds");
    }

}
