package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.UnknownClusterException;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.step.InvalidStepParametersException;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepParameters;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepParametersOf;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One command and its parameters, read as the record of its step type ({@link StepParameters}, {@link StepContracts}):
 * a param that is missing or of the wrong kind is a terminal failure that changed nothing, before anything is read or
 * written. The clusters the record names are resolved in the registry here; what only one step type has, its handler
 * reads from {@link #params(Class)}.
 */
final class StepArguments {
    private static final String NOTHING_CHANGED = StepParametersOf.NOTHING_CHANGED;

    private final StepCommand command;
    private final StepParameters params;
    private final ClusterRegistry registry;

    private StepArguments(StepCommand command, StepParameters params, ClusterRegistry registry) {
        this.command = command;
        this.params = params;
        this.registry = registry;
    }

    /**
     * The arguments of {@code command}.
     *
     * @throws StepFailedException terminal, naming the param, when the params do not make the record of the command's type
     */
    static StepArguments of(StepCommand command, ClusterRegistry registry) throws StepFailedException {
        return new StepArguments(command, StepParametersOf.command(command), registry);
    }

    /** The command the arguments are of. */
    StepCommand command() {
        return command;
    }

    /** The plan the command belongs to. */
    String planId() {
        return command.planId();
    }

    /** The step the command runs (the same for every attempt). */
    String stepId() {
        return command.stepId();
    }

    /** The command's deadline: waits end there. */
    Instant deadline() {
        return command.deadline();
    }

    /** The parameters, as the record of the step type a handler runs. */
    <P extends StepParameters> P params(Class<P> type) {
        return type.cast(params);
    }

    /** The name of the cluster the step acts on. */
    String clusterName() {
        return params instanceof StepParameters.OnCluster on ? on.cluster() : null;
    }

    /** The name of the step's other cluster ({@code sourceCluster}), or null when the command names none. */
    String sourceClusterName() {
        return params instanceof StepParameters.FromSource from ? from.sourceCluster() : null;
    }

    /** The registered cluster the step acts on ({@code cluster}). */
    ClusterSpec cluster() throws StepFailedException {
        return resolve(StepParams.CLUSTER, clusterName());
    }

    /** The registered cluster the step reads from or replicates from ({@code sourceCluster}). */
    ClusterSpec sourceCluster() throws StepFailedException {
        return resolve(StepParams.SOURCE_CLUSTER, sourceClusterName());
    }

    /** True when the command names the flip's other side ({@code targetCluster}). */
    boolean namesTargetCluster() {
        return targetClusterName() != null;
    }

    /** The registered cluster of the flip's other side ({@code targetCluster}). */
    ClusterSpec targetCluster() throws StepFailedException {
        return resolve(StepParams.TARGET_CLUSTER, targetClusterName());
    }

    private String targetClusterName() {
        return params instanceof StepParameters.ToTarget to ? to.targetCluster() : null;
    }

    /**
     * The registered cluster the param {@code key} ({@code cluster}, {@code sourceCluster} or {@code targetCluster})
     * names, or null: for reports of the clusters' state, which must not fail.
     */
    ClusterSpec optionalCluster(String key) {
        String name = switch (key) {
            case StepParams.CLUSTER -> clusterName();
            case StepParams.SOURCE_CLUSTER -> sourceClusterName();
            case StepParams.TARGET_CLUSTER -> targetClusterName();
            default -> null;
        };
        return name == null ? null : registry.find(name).orElse(null);
    }

    private ClusterSpec resolve(String key, String name) throws StepFailedException {
        if (name == null || name.isBlank()) {
            throw invalid(key, "missing");
        }
        try {
            return registry.require(name);
        } catch (UnknownClusterException e) {
            throw invalid(key, e.getMessage());
        }
    }

    /**
     * The replication position the step starts from ({@code position}); the empty set is a position too (a server that
     * has written nothing yet), so only a missing one is refused.
     */
    String position() throws StepFailedException {
        String position = params instanceof StepParameters.FromPosition from ? from.position() : null;
        if (position == null) {
            throw invalid(StepParams.POSITION, "missing");
        }
        return position;
    }

    /** The accounts the step leaves alone ({@code exemptUsers}), empty when none. */
    Set<String> exemptUsers() {
        return names(params instanceof StepParameters.WithExemptUsers with ? with.exemptUsers() : null);
    }

    /** The schemas the step is limited to ({@code schemas}), empty when every schema. */
    Set<String> schemas() {
        return names(params instanceof StepParameters.InSchemas in ? in.schemas() : null);
    }

    private static Set<String> names(List<String> names) {
        return names == null ? Set.of() : new TreeSet<>(names);
    }

    /** The plan's strategies, or null when the command gives none (the defaults apply). */
    StepParameters.Strategies strategies() {
        return params instanceof StepParameters.WithStrategies with ? with.strategies() : null;
    }

    /** {@link StepParams#REPLICATION_SSL}: whether replication is encrypted; {@code true} unless the plan says otherwise. */
    boolean replicationEncrypted() {
        return !(params instanceof StepParameters.Replicating replicating) || !Boolean.FALSE.equals(replicating.replicationSsl());
    }

    /** {@link StepParams#TIMEOUT_MS}, or {@code fallback} when absent. */
    Duration timeout(Duration fallback) throws StepFailedException {
        Long millis = params instanceof StepParameters.WithTimeout with ? with.timeoutMs() : null;
        if (millis == null) {
            return fallback;
        }
        if (millis < 1) {
            throw invalid(StepParams.TIMEOUT_MS, "not a positive number of milliseconds");
        }
        return Duration.ofMillis(millis);
    }

    /** {@code value} of the param {@code key}, refused when missing or blank. */
    String required(String key, String value) throws StepFailedException {
        if (value == null || value.isBlank()) {
            throw invalid(key, value == null ? "missing" : "not a non-blank string");
        }
        return value;
    }

    /** A terminal failure naming the param and its problem; nothing was changed. */
    StepFailedException invalid(String key, String problem) {
        return StepFailedException.terminal(command.type() + " param '" + key + "' is " + problem, NOTHING_CHANGED);
    }

    /** The {@code cluster} another command of a fence names, or null when its params do not name one. */
    static String clusterOf(StepCommand command) {
        try {
            StepParameters parameters = StepContracts.decode(command.type(), command.params());
            return parameters instanceof StepParameters.OnCluster on ? on.cluster() : null;
        } catch (InvalidStepParametersException e) {
            return null;
        }
    }
}
