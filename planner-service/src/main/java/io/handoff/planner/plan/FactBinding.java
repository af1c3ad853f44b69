package io.handoff.planner.plan;

import io.handoff.common.event.StepParams;
import io.handoff.common.step.DnsFacts;
import io.handoff.common.step.StepFacts;
import io.handoff.common.step.StepParameters;

/**
 * A param of a compiled step known only once an earlier step ({@code stepId}) has reported its facts: filled when the
 * step is sent ({@link StepDispatch}), or, inside a fence, by the executor from the fence's earlier step ({@link #param()}
 * and {@link #fact()} name them there, {@link io.handoff.common.event.FenceSteps.FactRef}).
 */
record FactBinding(String stepId, Kind kind) {

    /** What is filled from what. */
    enum Kind {
        /** A replication position: START_REPLICATION's from SEED's, REVERSE_REPLICATION's from CAPTURE_POSITION's. */
        POSITION(StepParams.POSITION, StepParams.FACT_POSITION),
        /** RESTORE_TTL's records, each with the TTL LOWER_TTL found ({@code oldTtls}). */
        OLD_TTLS(StepParams.RECORDS, StepParams.FACT_OLD_TTLS);

        private final String param;
        private final String fact;

        Kind(String param, String fact) {
            this.param = param;
            this.fact = fact;
        }
    }

    /** The position of {@code stepId}'s facts. */
    static FactBinding position(String stepId) {
        return new FactBinding(stepId, Kind.POSITION);
    }

    /** The TTLs {@code stepId} (a LOWER_TTL) found. */
    static FactBinding oldTtls(String stepId) {
        return new FactBinding(stepId, Kind.OLD_TTLS);
    }

    /** The param filled, as the command carries it. */
    String param() {
        return kind.param;
    }

    /** The fact it is filled from, as the earlier step's event carries it. */
    String fact() {
        return kind.fact;
    }

    /**
     * {@code parameters} with the param filled from {@code facts}, the earlier step's; unchanged when it did not report
     * the fact (the executor then refuses the step for want of it, naming the param).
     */
    StepParameters fill(StepParameters parameters, StepFacts facts) {
        return switch (kind) {
            case POSITION -> facts instanceof StepFacts.AtPosition at && at.position() != null
                    ? ((StepParameters.FromPosition) parameters).withPosition(at.position()) : parameters;
            case OLD_TTLS -> facts instanceof DnsFacts.LowerTtl lowered && lowered.oldTtls() != null
                    ? ((StepParameters.RestoreTtl) parameters).withRecords(lowered.oldTtls()) : parameters;
        };
    }
}
