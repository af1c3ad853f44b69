package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.sql.StrategyNotSupportedException;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.PreparedStep;
import io.handoff.kit.steps.PreparingStepHandler;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

/**
 * Base of the cutover service's step handlers. A subclass converges: it reads the clusters' state,
 * does only what is missing and records facts as it goes. This class refuses a command past its
 * deadline, and turns every failure into a {@link StepFailedException} that says whether a retry may
 * help ({@link SqlFailures}), carries the facts recorded so far, and describes the state the clusters
 * were left in, read live from the clusters the command names.
 *
 * <p>Deadline: every statement of the step, and a reconnection it needs, is bounded by the command's deadline
 * ({@link io.handoff.cutover.cluster.ClusterConnections#withinDeadline}); a server that stops answering fails the step
 * (retryable) at its deadline, not after the connections' whole network timeout.
 *
 * <p>Runs on the command worker thread, one command at a time (the {@code CommandRunner} contract).
 */
abstract class SqlStepHandler implements PreparingStepHandler {
    private final StepType type;
    private final List<String> clusterParams;
    protected final StepSupport support;

    /**
     * @param clusterParams the params naming the clusters the step touches, in the order the state
     *                      report lists them
     */
    SqlStepHandler(StepType type, StepSupport support, String... clusterParams) {
        this.type = type;
        this.support = support;
        this.clusterParams = List.of(clusterParams);
    }

    @Override
    public final StepType type() {
        return type;
    }

    @Override
    public final Map<String, Object> execute(StepCommand command) throws StepFailedException {
        if (command.pastDeadline(Instant.now())) {
            throw StepFailedException.terminal(type + " refused: its deadline " + command.deadline() + " has passed",
                    "nothing was changed");
        }
        StepArguments args = StepArguments.of(command, support.registry);
        return support.connections.withinDeadline(command.deadline(), () -> run(args, this::converge));
    }

    /**
     * Parses the command's arguments now and has the subclass prepare it ({@link #prepare(StepArguments, List)}); the
     * prepared step runs within the command's deadline and fails as {@link #execute} does. Empty when the command cannot
     * be parsed or the preparation's reads fail: {@link #execute} then reports why, in its turn.
     */
    @Override
    public final Optional<PreparedStep> prepare(StepCommand command, List<StepCommand> earlier) {
        if (command.pastDeadline(Instant.now())) {
            return Optional.empty();
        }
        StepArguments args;
        Step step;
        try {
            args = StepArguments.of(command, support.registry);
            step = support.connections.withinDeadline(command.deadline(), () -> prepare(args, earlier));
        } catch (Exception unprepared) {
            return Optional.empty();
        }
        return Optional.of(new PreparedStep() {
            @Override
            public Map<String, Object> run() throws StepFailedException {
                if (command.pastDeadline(Instant.now())) {
                    throw StepFailedException.terminal(type + " refused: its deadline " + command.deadline() + " has passed",
                            "nothing was changed");
                }
                return support.connections.withinDeadline(command.deadline(), () -> SqlStepHandler.this.run(args,
                        (ignored, facts) -> step.run(facts)));
            }
        });
    }

    /**
     * What is left of this step to run inside a fence's window, after {@code earlier} (the fence's steps before it,
     * each of which will have succeeded): by default the whole of {@link #converge}; a subclass leaves out what the state
     * read now or an earlier step settles.
     */
    protected Step prepare(StepArguments args, List<StepCommand> earlier) throws SQLException, StepFailedException {
        return facts -> converge(args, facts);
    }

    /** {@code true} when one of {@code earlier} is a step of {@code type} on the cluster {@code args} names. */
    protected static boolean ranBefore(List<StepCommand> earlier, StepType type, StepArguments args) {
        return ranBefore(earlier, type, args.clusterName());
    }

    /** {@code true} when one of {@code earlier} is a step of {@code type} on {@code cluster} (its {@code cluster} param). */
    protected static boolean ranBefore(List<StepCommand> earlier, StepType type, String cluster) {
        return earlier.stream().anyMatch(command -> command.type() == type
                && Objects.equals(StepArguments.clusterOf(command), cluster));
    }

    /** A step's work, recording facts as they are known. */
    @FunctionalInterface
    protected interface Step {
        void run(Map<String, Object> facts) throws SQLException, StepFailedException;
    }

    /** The work's parts that converge or act. */
    @FunctionalInterface
    private interface Work {
        void run(StepArguments args, Map<String, Object> facts) throws SQLException, StepFailedException;
    }

    /** {@code work} within the step's deadline (every lease of a warm connection is bounded by it), its failures mapped. */
    private Map<String, Object> run(StepArguments args, Work work) throws StepFailedException {
        Map<String, Object> facts = new LinkedHashMap<>();
        try {
            work.run(args, facts);
            return facts;
        } catch (SQLException e) {
            boolean retryable = SqlFailures.retryable(e);
            throw new StepFailedException(type + " failed (" + (retryable ? "retryable" : "terminal") + "): " + e.getMessage(),
                    retryable, stateOf(args), facts, e);
        } catch (StrategyNotSupportedException e) {
            throw new StepFailedException(type + " cannot run on " + e.flavor() + ": " + e.getMessage(), false,
                    stateOf(args), facts, null);
        } catch (StepFailedException e) {
            Map<String, Object> all = new LinkedHashMap<>(facts);
            all.putAll(e.facts());
            throw new StepFailedException(e.getMessage(), e.failure().retryable(), e.failure().recoverableState(), all,
                    e.getCause());
        }
    }

    /**
     * Brings the clusters to the step's effect, recording facts in {@code facts} as they are known
     * (they are reported with a failure too).
     */
    protected abstract void converge(StepArguments args, Map<String, Object> facts) throws SQLException, StepFailedException;

    /** A terminal refusal whose state is read live, followed by {@code next} (what to do about it). */
    protected final StepFailedException refuse(StepArguments args, String reason, String next) {
        return StepFailedException.terminal(type + " refused: " + reason, stateOf(args) + ": " + next);
    }

    /** Leases the warm connection of {@code cluster}. */
    protected final ClusterSession open(ClusterSpec cluster) throws SQLException {
        return support.connections.open(cluster);
    }

    /** The live state of the clusters the command names. */
    protected final String stateOf(StepArguments args) {
        List<ClusterSpec> clusters = clusterParams.stream().map(args::optionalCluster).filter(Objects::nonNull).toList();
        return clusters.isEmpty() ? "unknown: the command names no registered cluster" : support.stateReport.describe(clusters);
    }
}
