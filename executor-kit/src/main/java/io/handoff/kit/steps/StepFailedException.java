package io.handoff.kit.steps;

import io.handoff.common.event.Failure;
import io.handoff.common.step.StepFacts;

/**
 * A step that could not reach its effect, with what the planner needs to decide what comes next: whether a retry may
 * help, the state the databases or records were left in, and the step's facts measured before the failure (its facts
 * record, the rest of it null), or none.
 */
public class StepFailedException extends Exception {
    private final boolean retryable;
    private final String recoverableState;
    private final transient StepFacts facts;

    public StepFailedException(String reason, boolean retryable, String recoverableState, StepFacts facts,
            Throwable cause) {
        super(reason, cause);
        this.retryable = retryable;
        this.recoverableState = recoverableState;
        this.facts = facts;
    }

    /** A failure a retry will not mend. */
    public static StepFailedException terminal(String reason, String recoverableState) {
        return new StepFailedException(reason, false, recoverableState, null, null);
    }

    /** A failure a retry may mend (a lost connection, a throttled call). */
    public static StepFailedException retryable(String reason, String recoverableState, Throwable cause) {
        return new StepFailedException(reason, true, recoverableState, null, cause);
    }

    public Failure failure() {
        return new Failure(getMessage(), retryable, recoverableState);
    }

    /** What was measured before the failure, or null when nothing was. */
    public StepFacts facts() {
        return facts;
    }
}
