package io.handoff.kit.steps;

import io.handoff.common.event.Failure;
import java.util.Map;

/** A step that could not reach its effect, with what the planner needs to decide what comes next. */
public class StepFailedException extends Exception {
    private final boolean retryable;
    private final String recoverableState;
    private final transient Map<String, Object> facts;

    public StepFailedException(String reason, boolean retryable, String recoverableState, Map<String, Object> facts,
            Throwable cause) {
        super(reason, cause);
        this.retryable = retryable;
        this.recoverableState = recoverableState;
        this.facts = facts == null ? Map.of() : facts;
    }

    /** A failure a retry will not mend. */
    public static StepFailedException terminal(String reason, String recoverableState) {
        return new StepFailedException(reason, false, recoverableState, Map.of(), null);
    }

    /** A failure a retry may mend (a lost connection, a throttled call). */
    public static StepFailedException retryable(String reason, String recoverableState, Throwable cause) {
        return new StepFailedException(reason, true, recoverableState, Map.of(), cause);
    }

    public Failure failure() {
        return new Failure(getMessage(), retryable, recoverableState);
    }

    /** What was measured before the failure. */
    public Map<String, Object> facts() {
        return facts;
    }
}
