package io.handoff.common.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.handoff.common.Require;
import io.handoff.common.step.FactBinding;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepFacts;
import io.handoff.common.step.StepParameters;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps a {@link StepType#FENCE} or {@link StepType#DNS_SWITCHES} command carries (its parameters:
 * {@link StepParameters.Fence}, {@link StepParameters.DnsSwitches}): the steps of the plan it runs as one unit (a FENCE
 * one after the other, DNS_SWITCHES at once), in the plan's order, and how each becomes the command it would have been
 * had the planner sent it on its own ({@link #command}).
 *
 * <p>Each step keeps its own identity: a sub-command has the step's id, the {@link StepCommand#commandIdFor
 * deterministic command id} of its attempt, the fence's fencing epoch and deadline, so the executor deduplicates,
 * fences and reports it exactly as a command of its own (a STARTED and a SUCCEEDED or FAILED event per step, with
 * the same facts), and the planner follows the steps from those events as it would follow single commands. A
 * param bound to a fact of an earlier step of the same fence ({@link Step#bindings()}) is filled from the facts
 * that step reported; bindings to steps outside the fence are resolved by the planner before sending.
 */
public final class FenceSteps {
    private static final String STEP_ID = "stepId";
    private static final String TYPE = "type";
    private static final String PARAMS = "params";
    private static final String BINDINGS = "bindings";
    private static final String ATTEMPT = "attempt";
    private static final String TIMEOUT_MS = "timeoutMs";
    private static final String FACT = "fact";

    private FenceSteps() {
    }

    /**
     * One step of a fence. On the wire: {@code {stepId, type, params, bindings: {param: {stepId, fact}}, attempt,
     * timeoutMs}}, {@code params} the JSON object of the step's own record.
     *
     * @param stepId    the step's id in the plan
     * @param params    its parameters, those bound to earlier steps of the fence left out (null); their type is the
     *                  step's, executed by the same service as the command that carries it
     * @param bindings  its params filled from the facts of earlier steps of the fence
     * @param attempt   the attempt of this step the fence runs, from 1
     * @param timeoutMs how long the step may take once it starts (its own deadline, never past the fence's); 0: the
     *                  fence's deadline only
     */
    public record Step(String stepId, StepParameters params, List<FactBinding> bindings, int attempt, long timeoutMs) {
        /** A step with the fence's deadline only. */
        public Step(String stepId, StepParameters params, List<FactBinding> bindings, int attempt) {
            this(stepId, params, bindings, attempt, 0);
        }

        public Step {
            Require.nonBlank(stepId, STEP_ID);
            Require.nonNull(params, PARAMS);
            if (params.type().carriesSteps()) {
                throw new IllegalArgumentException(TYPE + ": " + params.type() + " cannot run inside another");
            }
            bindings = List.copyOf(bindings);
            Require.atLeast(attempt, 1, ATTEMPT);
            if (timeoutMs < 0) {
                throw new IllegalArgumentException(TIMEOUT_MS + " must not be negative, was " + timeoutMs);
            }
        }

        /** The step's type: its parameters'. */
        public StepType type() {
            return params.type();
        }

        /** Whether one of this step's params is filled from the facts of {@code stepId}. */
        public boolean bindsTo(String stepId) {
            return bindings.stream().anyMatch(binding -> binding.stepId().equals(stepId));
        }

        @JsonValue
        Map<String, Object> json() {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(STEP_ID, stepId);
            entry.put(TYPE, type().name());
            entry.put(PARAMS, StepContracts.params(params));
            Map<String, Object> bound = new LinkedHashMap<>();
            bindings.forEach(binding -> bound.put(binding.param(), Map.of(STEP_ID, binding.stepId(), FACT, binding.fact())));
            entry.put(BINDINGS, bound);
            entry.put(ATTEMPT, attempt);
            if (timeoutMs > 0) {
                entry.put(TIMEOUT_MS, timeoutMs);
            }
            return entry;
        }

        /**
         * The step {@code entry} describes, its params read strictly as the record of its type.
         *
         * @throws IllegalArgumentException naming what is missing or not of the right kind
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Step fromJson(Map<String, Object> entry) {
            if (!(entry.get(TYPE) instanceof String type)) {
                throw new IllegalArgumentException(TYPE + " is missing or not a step type");
            }
            StepType stepType;
            try {
                stepType = StepType.valueOf(type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(TYPE + " '" + type + "' is no step type");
            }
            List<FactBinding> bindings = new ArrayList<>();
            map(entry.getOrDefault(BINDINGS, Map.of()), BINDINGS).forEach((param, ref) -> {
                Map<String, Object> fact = map(ref, BINDINGS + "." + param);
                bindings.add(FactBinding.of(param, text(fact.get(STEP_ID)), text(fact.get(FACT))));
            });
            return new Step(text(entry.get(STEP_ID)), StepContracts.decode(stepType, map(entry.getOrDefault(PARAMS, Map.of()),
                    PARAMS)), bindings, entry.get(ATTEMPT) instanceof Integer n ? n : 0,
                    entry.get(TIMEOUT_MS) instanceof Number t ? t.longValue() : 0);
        }
    }

    /** The parameters of a command of type {@code carrier} (FENCE or DNS_SWITCHES) that carries {@code steps}. */
    public static StepParameters carrying(StepType carrier, List<Step> steps) {
        return switch (carrier) {
            case FENCE -> new StepParameters.Fence(steps);
            case DNS_SWITCHES -> new StepParameters.DnsSwitches(steps);
            default -> throw new IllegalArgumentException(carrier + " carries no steps");
        };
    }

    /**
     * The steps of a FENCE or DNS_SWITCHES command.
     *
     * @throws IllegalArgumentException when it is not such a command or its params do not describe steps that its
     *                                  executor runs (naming what is wrong)
     */
    public static List<Step> of(StepCommand carrier) {
        if (!carrier.type().carriesSteps()) {
            throw new IllegalArgumentException("not a FENCE or DNS_SWITCHES command: " + carrier.type());
        }
        List<Step> steps = ((StepParameters.CarriesSteps) StepContracts.decode(carrier.type(), carrier.params())).steps();
        for (Step step : steps) {
            if (step.type().executor() != carrier.type().executor()) {
                throw new IllegalArgumentException(step.type() + " is not executed by the " + carrier.type().executor()
                        + " service that runs " + carrier.type());
            }
        }
        return steps;
    }

    /**
     * The command {@code step} of {@code fence} stands for, its bindings filled from {@code factsByStep} (the facts
     * reported by the fence's earlier steps, by step id), its deadline the step's own timeout from now, never past the
     * fence's.
     *
     * @throws IllegalStateException when a bound fact was not reported
     */
    public static StepCommand command(StepCommand fence, Step step, Map<String, StepFacts> factsByStep, Clock clock) {
        StepParameters params = step.params();
        for (FactBinding binding : step.bindings()) {
            params = binding.fill(params, factsByStep.get(binding.stepId())).orElseThrow(() -> new IllegalStateException(
                    step.stepId() + " needs fact '" + binding.fact() + "' of " + binding.stepId() + ", which was not reported"));
        }
        Instant deadline = fence.deadline();
        if (step.timeoutMs() > 0) {
            Instant own = clock.instant().plusMillis(step.timeoutMs());
            deadline = own.isBefore(deadline) ? own : deadline;
        }
        return StepCommand.issue(fence.planId(), step.stepId(), step.type(), StepContracts.params(params), step.attempt(),
                deadline, fence.fencingEpoch(), clock);
    }

    /** The command id of attempt {@code attempt} of a fence that begins with the step {@code firstStepId}. */
    public static String commandIdFor(String planId, String firstStepId, int attempt) {
        return StepCommand.commandIdFor(planId, "fence:" + firstStepId, attempt);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(what + " is not an object");
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }
}
