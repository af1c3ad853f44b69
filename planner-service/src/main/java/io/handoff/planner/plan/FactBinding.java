package io.handoff.planner.plan;

import io.handoff.common.event.StepParams;
import io.handoff.common.step.DnsFacts;
import io.handoff.common.step.StepFacts;
import io.handoff.common.step.StepParameters;

/**
 * A param of a compiled step known only once an earlier step has reported its facts: filled when the step is sent
 * ({@link StepDispatch}), or, inside a fence, by the executor from the fence's earlier step ({@link #param()} and
 * {@link #fact()} name them there, {@link io.handoff.common.event.FenceSteps.FactRef}).
 */
sealed interface FactBinding {

    /** The earlier step whose facts fill the param. */
    String stepId();

    /** The param filled, as the command carries it. */
    String param();

    /** The fact it is filled from, as the earlier step's event carries it. */
    String fact();

    /**
     * {@code parameters} with the param filled from {@code facts}, the earlier step's; unchanged when it did not report
     * the fact (the executor then refuses the step for want of it, naming the param).
     */
    StepParameters fill(StepParameters parameters, StepFacts facts);

    /** A replication position (START_REPLICATION from SEED's, REVERSE_REPLICATION from CAPTURE_POSITION's). */
    record Position(String stepId) implements FactBinding {
        @Override
        public String param() {
            return StepParams.POSITION;
        }

        @Override
        public String fact() {
            return StepParams.FACT_POSITION;
        }

        @Override
        public StepParameters fill(StepParameters parameters, StepFacts facts) {
            return facts instanceof StepFacts.AtPosition at && at.position() != null
                    ? ((StepParameters.FromPosition) parameters).withPosition(at.position()) : parameters;
        }
    }

    /** RESTORE_TTL's records, each with the TTL LOWER_TTL found ({@code oldTtls}). */
    record OldTtls(String stepId) implements FactBinding {
        @Override
        public String param() {
            return StepParams.RECORDS;
        }

        @Override
        public String fact() {
            return StepParams.FACT_OLD_TTLS;
        }

        @Override
        public StepParameters fill(StepParameters parameters, StepFacts facts) {
            return facts instanceof DnsFacts.LowerTtl lowered && lowered.oldTtls() != null
                    ? ((StepParameters.RestoreTtl) parameters).withRecords(lowered.oldTtls()) : parameters;
        }
    }
}
