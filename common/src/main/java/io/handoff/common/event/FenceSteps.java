package io.handoff.common.event;

import io.handoff.common.Require;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The params of a {@link StepType#FENCE} or {@link StepType#DNS_SWITCHES} command: the steps of the plan it runs as one
 * unit (a FENCE one after the other, DNS_SWITCHES at once), in the plan's order, and how
 * each becomes the command it would have been had the planner sent it on its own ({@link #command}).
 *
 * <p>Each step keeps its own identity: a sub-command has the step's id, the {@link StepCommand#commandIdFor
 * deterministic command id} of its attempt, the fence's fencing epoch and deadline, so the executor deduplicates,
 * fences and reports it exactly as a command of its own (a STARTED and a SUCCEEDED or FAILED event per step, with
 * the same facts), and the planner follows the steps from those events as it would follow single commands. A
 * param that names a fact of an earlier step of the same fence ({@link Step#bindings()}) is filled from the facts
 * that step reported; bindings to steps outside the fence are resolved by the planner before sending.
 */
public final class FenceSteps {
    /** The FENCE command's param: the list of steps. */
    public static final String STEPS = "steps";
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
     * One step of a fence.
     *
     * @param stepId   the step's id in the plan
     * @param type     its type, executed by the same service as the command that carries it
     * @param params   its params, those bound to earlier steps of the fence excepted
     * @param bindings param name to the fact of an earlier step of the fence that gives its value
     * @param attempt  the attempt of this step the fence runs, from 1
     * @param timeoutMs how long the step may take once it starts (its own deadline, never past the fence's); 0: the
     *                  fence's deadline only
     */
    public record Step(String stepId, StepType type, Map<String, Object> params, Map<String, FactRef> bindings, int attempt,
            long timeoutMs) {
        /** A step with the fence's deadline only. */
        public Step(String stepId, StepType type, Map<String, Object> params, Map<String, FactRef> bindings, int attempt) {
            this(stepId, type, params, bindings, attempt, 0);
        }

        public Step {
            Require.nonBlank(stepId, "FenceSteps.Step.stepId");
            Require.nonNull(type, "FenceSteps.Step.type");
            if (type.carriesSteps()) {
                throw new IllegalArgumentException("FenceSteps.Step.type: " + type + " cannot run inside another");
            }
            params = Map.copyOf(params);
            bindings = Map.copyOf(bindings);
            Require.atLeast(attempt, 1, "FenceSteps.Step.attempt");
            if (timeoutMs < 0) {
                throw new IllegalArgumentException("FenceSteps.Step.timeoutMs must not be negative, was " + timeoutMs);
            }
        }
    }

    /** A fact reported by the step {@code stepId}. */
    public record FactRef(String stepId, String fact) {
    }

    /** The FENCE command's params for {@code steps}. */
    public static Map<String, Object> params(List<Step> steps) {
        List<Object> list = new ArrayList<>();
        for (Step step : steps) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(STEP_ID, step.stepId());
            entry.put(TYPE, step.type().name());
            entry.put(PARAMS, step.params());
            Map<String, Object> bindings = new LinkedHashMap<>();
            step.bindings().forEach((param, ref) -> bindings.put(param, Map.of(STEP_ID, ref.stepId(), FACT, ref.fact())));
            entry.put(BINDINGS, bindings);
            entry.put(ATTEMPT, step.attempt());
            if (step.timeoutMs() > 0) {
                entry.put(TIMEOUT_MS, step.timeoutMs());
            }
            list.add(entry);
        }
        return Map.of(STEPS, list);
    }

    /**
     * The steps of a FENCE command.
     *
     * @throws IllegalArgumentException when it is not a FENCE command or its params do not describe steps
     */
    public static List<Step> of(StepCommand fence) {
        if (!fence.type().carriesSteps()) {
            throw new IllegalArgumentException("not a FENCE or DNS_SWITCHES command: " + fence.type());
        }
        if (!(fence.params().get(STEPS) instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("FENCE command without '" + STEPS + "'");
        }
        List<Step> steps = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> entry = map(item, STEPS);
            Map<String, FactRef> bindings = new LinkedHashMap<>();
            map(entry.getOrDefault(BINDINGS, Map.of()), BINDINGS).forEach((param, ref) -> {
                Map<String, Object> fact = map(ref, BINDINGS + "." + param);
                bindings.put(param, new FactRef(String.valueOf(fact.get(STEP_ID)), String.valueOf(fact.get(FACT))));
            });
            Object attempt = entry.get(ATTEMPT);
            Object timeout = entry.get(TIMEOUT_MS);
            Step step = new Step(String.valueOf(entry.get(STEP_ID)), StepType.valueOf(String.valueOf(entry.get(TYPE))),
                    map(entry.getOrDefault(PARAMS, Map.of()), PARAMS), bindings,
                    attempt instanceof Number n ? n.intValue() : 0, timeout instanceof Number t ? t.longValue() : 0);
            if (step.type().executor() != fence.type().executor()) {
                throw new IllegalArgumentException(step.type() + " is not executed by the " + fence.type().executor()
                        + " service that runs " + fence.type());
            }
            steps.add(step);
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
    public static StepCommand command(StepCommand fence, Step step, Map<String, Map<String, Object>> factsByStep, Clock clock) {
        Map<String, Object> params = new LinkedHashMap<>(step.params());
        step.bindings().forEach((param, ref) -> {
            Object value = factsByStep.getOrDefault(ref.stepId(), Map.of()).get(ref.fact());
            if (value == null) {
                throw new IllegalStateException(step.stepId() + " needs fact '" + ref.fact() + "' of " + ref.stepId()
                        + ", which was not reported");
            }
            params.put(param, value);
        });
        java.time.Instant deadline = fence.deadline();
        if (step.timeoutMs() > 0) {
            java.time.Instant own = clock.instant().plusMillis(step.timeoutMs());
            deadline = own.isBefore(deadline) ? own : deadline;
        }
        return StepCommand.issue(fence.planId(), step.stepId(), step.type(), params, step.attempt(), deadline,
                fence.fencingEpoch(), clock);
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
        throw new IllegalArgumentException("FENCE command: '" + what + "' is not an object");
    }
}
