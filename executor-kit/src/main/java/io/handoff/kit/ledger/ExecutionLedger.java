package io.handoff.kit.ledger;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepType;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What an executor knows about commands already run: the terminal reports of completed commands of
 * its own step types ({@link CompletedCommands}) and the fencing epochs applied per scope by any
 * executor ({@link AppliedEpochs}). Durable through Kafka: it is folded from
 * {@code handoff.step-events} ({@link #fold}, fed by {@link StepEventReplay}) and fed directly by the
 * runner for its own commands ({@link #admit}, {@link #remember}); both paths are idempotent.
 *
 * <p>It is {@link #ready()} once the replay read the topic up to where it ended at start-up; before
 * that it must not answer (the runner waits in {@link #awaitReady}). Thread-safe: the replay thread
 * and the command worker thread use it concurrently.
 */
public final class ExecutionLedger {
    private final Set<StepType> ownTypes;
    private final CompletedCommands completed;
    private final AppliedEpochs epochs = new AppliedEpochs();
    private final CountDownLatch rebuilt = new CountDownLatch(1);
    private long folded;

    /**
     * @param ownTypes      the step types this executor runs: only their completed commands are kept
     * @param completedCap  how many completed commands are kept
     */
    public ExecutionLedger(Collection<StepType> ownTypes, int completedCap) {
        this.ownTypes = ownTypes.isEmpty() ? EnumSet.noneOf(StepType.class) : EnumSet.copyOf(ownTypes);
        this.completed = new CompletedCommands(completedCap);
    }

    /**
     * Folds one event read from {@code handoff.step-events}: its applied epoch, whatever executor
     * wrote it, and, when terminal and of an own step type (or of unknown type), its report. Folding
     * an event twice, or events in another order, gives the same ledger (first report wins, epochs
     * only grow).
     */
    public synchronized void fold(StepEvent event) {
        LedgerFacts.applied(event).ifPresent(applied -> epochs.apply(applied.epoch(), applied.scopes()));
        if (event.kind().outcome()
                && LedgerFacts.stepType(event).map(ownTypes::contains).orElse(true)) {
            completed.remember(event);
        }
        folded++;
    }

    /** Every remembered report of this executor's commands whose step type is {@code type}, oldest first. */
    public synchronized List<StepEvent> completed(StepType type) {
        return completed.all().stream().filter(event -> LedgerFacts.stepType(event).filter(type::equals).isPresent()).toList();
    }

    /** The report of {@code commandId} if it completed here (or at another instance of this executor). */
    public synchronized Optional<StepEvent> completed(String commandId) {
        return completed.find(commandId);
    }

    /**
     * Checks {@code command}'s epoch against every scope it touches and, when it is not stale,
     * records the epoch as applied there, in one step (so two commands cannot both pass a check the
     * other would fail).
     */
    public synchronized Optional<StaleEpoch> admit(StepCommand command, List<FenceScope> scopes) {
        Optional<StaleEpoch> stale = epochs.check(command.fencingEpoch(), scopes);
        if (stale.isEmpty()) {
            epochs.apply(command.fencingEpoch(), scopes);
        }
        return stale;
    }

    /** Remembers the terminal report of a command this executor ran or refused. */
    public synchronized void remember(StepEvent terminal) {
        completed.remember(terminal);
    }

    /** Marks the rebuild done: from now on the ledger answers. */
    public void rebuilt() {
        rebuilt.countDown();
    }

    public boolean ready() {
        return rebuilt.getCount() == 0;
    }

    /** Waits up to {@code timeout} for the rebuild; {@code true} when it is done. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return rebuilt.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Events folded so far, completed commands and scopes known: for readiness and logs. */
    public synchronized String describe() {
        return folded + " events folded, " + completed.size() + " completed commands, " + epochs.size() + " fenced scopes";
    }

    /** Highest applied epoch of {@code scope}, for tests and diagnostics. */
    public synchronized java.util.OptionalLong applied(FenceScope scope) {
        return epochs.applied(scope);
    }
}
