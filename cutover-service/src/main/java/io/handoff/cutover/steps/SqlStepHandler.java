package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import io.handoff.common.sql.StrategyNotSupportedException;
import io.handoff.common.step.StepFacts;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.PreparedStep;
import io.handoff.kit.steps.PreparingStepHandler;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * Base of the cutover service's step handlers. A subclass converges: it reads the clusters' state, does only what is
 * missing and returns its step type's facts record ({@code F}). This class refuses a command past its deadline, and
 * turns every failure into a {@link StepFailedException} that says whether a retry may help ({@link SqlFailures}) and
 * describes the state the clusters were left in, read live from the clusters the command names.
 *
 * <p>Facts of a failure: a subclass that has measured something before the failure passes it as a partial facts
 * record ({@link #failure}), the rest null; a failure it lets through as it is (an {@link SQLException} it does not
 * catch) carries no facts.
 *
 * <p>Deadline: every statement of the step, and a reconnection it needs, is bounded by the command's deadline
 * ({@link io.handoff.cutover.cluster.ClusterConnections#withinDeadline}); a server that stops answering fails the step
 * (retryable) at its deadline, not after the connections' whole network timeout.
 *
 * <p>Runs on the command worker thread, one command at a time (the {@code CommandRunner} contract).
 *
 * @param <F> the record of the facts the step type reports
 */
abstract class SqlStepHandler<F extends StepFacts> implements PreparingStepHandler {
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
    public final F execute(StepCommand command) throws StepFailedException {
        if (command.pastDeadline(Instant.now())) {
            throw StepFailedException.terminal(type + " refused: its deadline " + command.deadline() + " has passed",
                    "nothing was changed");
        }
        StepArguments args = StepArguments.of(command, support.registry);
        return support.connections.withinDeadline(command.deadline(), () -> run(args, () -> converge(args)));
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
        Step<F> step;
        try {
            args = StepArguments.of(command, support.registry);
            step = support.connections.withinDeadline(command.deadline(), () -> prepare(args, earlier));
        } catch (Exception unprepared) {
            return Optional.empty();
        }
        return Optional.of(new PreparedStep() {
            @Override
            public F run() throws StepFailedException {
                if (command.pastDeadline(Instant.now())) {
                    throw StepFailedException.terminal(type + " refused: its deadline " + command.deadline() + " has passed",
                            "nothing was changed");
                }
                return support.connections.withinDeadline(command.deadline(), () -> SqlStepHandler.this.run(args, step));
            }
        });
    }

    /**
     * What is left of this step to run inside a fence's window, after {@code earlier} (the fence's steps before it,
     * each of which will have succeeded): by default the whole of {@link #converge}; a subclass leaves out what the state
     * read now or an earlier step settles.
     */
    protected Step<F> prepare(StepArguments args, List<StepCommand> earlier) throws SQLException, StepFailedException {
        return () -> converge(args);
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

    /** A step's work, returning its facts. */
    @FunctionalInterface
    protected interface Step<F> {
        F run() throws SQLException, StepFailedException;
    }

    /** {@code work} within the step's deadline (every lease of a warm connection is bounded by it), its failures mapped. */
    private F run(StepArguments args, Step<F> work) throws StepFailedException {
        try {
            return work.run();
        } catch (SQLException | StrategyNotSupportedException | StepFailedException e) {
            throw failure(args, e, null);
        }
    }

    /** Brings the clusters to the step's effect and returns the facts to report. */
    protected abstract F converge(StepArguments args) throws SQLException, StepFailedException;

    /**
     * {@code e}, thrown while the step ran, as the step's failure with {@code known} as its facts (what was measured
     * before it; null: nothing): a statement's failure, retryable or not ({@link SqlFailures}); a strategy the server
     * does not support, terminal; a {@link StepFailedException} as it is, with {@code known} when it carries no facts of
     * its own.
     */
    protected final StepFailedException failure(StepArguments args, Exception e, F known) {
        if (e instanceof SQLException sql) {
            boolean retryable = SqlFailures.retryable(sql);
            return new StepFailedException(type + " failed (" + (retryable ? "retryable" : "terminal") + "): " + e.getMessage(),
                    retryable, stateOf(args), known, e);
        }
        if (e instanceof StrategyNotSupportedException unsupported) {
            return new StepFailedException(type + " cannot run on " + unsupported.flavor() + ": " + e.getMessage(), false,
                    stateOf(args), known, null);
        }
        if (e instanceof StepFailedException failed) {
            return failed.facts() != null || known == null ? failed : new StepFailedException(failed.getMessage(),
                    failed.failure().retryable(), failed.failure().recoverableState(), known, failed.getCause());
        }
        throw new IllegalArgumentException("not a step's failure: " + e, e);
    }

    /** A terminal refusal whose state is read live, followed by {@code next} (what to do about it). */
    protected final StepFailedException refuse(StepArguments args, String reason, String next) {
        return refuse(args, reason, next, null);
    }

    /** A terminal refusal as {@link #refuse(StepArguments, String, String)}, with the facts measured before it. */
    protected final StepFailedException refuse(StepArguments args, String reason, String next, F known) {
        return new StepFailedException(type + " refused: " + reason, false, stateOf(args) + ": " + next, known, null);
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
