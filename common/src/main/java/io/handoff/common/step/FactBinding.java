package io.handoff.common.step;

import io.handoff.common.Require;
import io.handoff.common.event.StepParams;
import java.util.Optional;

/**
 * A param of a compiled step known only once an earlier step ({@code stepId}) has reported its facts: filled by the
 * planner when it sends the step, or, when both steps run in one FENCE, by the executor from the facts the fence's
 * earlier step reported ({@link io.handoff.common.event.FenceSteps}). On the wire, inside a FENCE, a binding is written
 * as {@code param: {stepId, fact}} ({@link #param()}, {@link #fact()}).
 */
public record FactBinding(String stepId, Kind kind) {

    public FactBinding {
        Require.nonBlank(stepId, "stepId");
        Require.nonNull(kind, "kind");
    }

    /** What is filled from what. */
    public enum Kind {
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

        /**
         * The kind that fills {@code param} from {@code fact}.
         *
         * @throws IllegalArgumentException when no kind does
         */
        static Kind of(String param, String fact) {
            for (Kind kind : values()) {
                if (kind.param.equals(param) && kind.fact.equals(fact)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no step takes its param '" + param + "' from a fact '" + fact + "'");
        }
    }

    /** The position of {@code stepId}'s facts. */
    public static FactBinding position(String stepId) {
        return new FactBinding(stepId, Kind.POSITION);
    }

    /** The TTLs {@code stepId} (a LOWER_TTL) found. */
    public static FactBinding oldTtls(String stepId) {
        return new FactBinding(stepId, Kind.OLD_TTLS);
    }

    /**
     * The binding of {@code param} to {@code stepId}'s {@code fact}, as a FENCE carries it.
     *
     * @throws IllegalArgumentException when no step takes {@code param} from such a fact
     */
    public static FactBinding of(String param, String stepId, String fact) {
        return new FactBinding(stepId, Kind.of(param, fact));
    }

    /** The param filled, as the command carries it. */
    public String param() {
        return kind.param;
    }

    /** The fact it is filled from, as the earlier step's event carries it. */
    public String fact() {
        return kind.fact;
    }

    /**
     * {@code parameters} with the param filled from {@code facts}, the earlier step's; empty when they do not hold the
     * fact (none reported, or not this fact).
     *
     * @throws ClassCastException when {@code parameters} are not of a step that takes this param
     */
    public Optional<StepParameters> fill(StepParameters parameters, StepFacts facts) {
        return switch (kind) {
            case POSITION -> facts instanceof StepFacts.AtPosition at && at.position() != null
                    ? Optional.of(((StepParameters.FromPosition) parameters).withPosition(at.position())) : Optional.empty();
            case OLD_TTLS -> facts instanceof DnsFacts.LowerTtl lowered && lowered.oldTtls() != null
                    ? Optional.of(((StepParameters.RestoreTtl) parameters).withRecords(lowered.oldTtls())) : Optional.empty();
        };
    }
}
