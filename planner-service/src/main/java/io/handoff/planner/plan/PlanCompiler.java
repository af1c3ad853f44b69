package io.handoff.planner.plan;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles a {@link FlipPlan} into the flip's steps (DESIGN.md, "The flip"), A = source, B = target:
 * FLUSH_TABLES(A), READ_ONLY(A), READ_ONLY(B), KILL_CONNECTIONS(A), FLUSH_TABLES(A), WAIT_SYNC(B from A),
 * STOP_REPLICA(B), CAPTURE_POSITION(B), then in the writable-first order WRITABLE(B), RESET_REPLICA(A),
 * REVERSE_REPLICATION(A from B), RESET_REPLICA(B), SWITCH_DNS per application; in the dns-first order
 * the SWITCH_DNS steps come right after CAPTURE_POSITION. With a lag gate the flip starts with
 * START_MONITOR(B from A) and READ_ONLY(A) waits for the gate. READ_ONLY, KILL_CONNECTIONS, WRITABLE and
 * ROLLBACK carry the plan's strategies. Pure.
 */
public final class PlanCompiler {

    /**
     * The compiled steps, the ROLLBACK step used when a step before the first SWITCH_DNS fails, and the
     * step that ends reverse replication when the operator declares the point of no return.
     */
    public record Compiled(List<PlannedStep> steps, PlannedStep rollback, PlannedStep pointOfNoReturn) {
        public Compiled {
            steps = List.copyOf(steps);
        }
    }

    public Compiled compile(FlipPlan plan) {
        Builder steps = new Builder();
        String a = plan.source();
        String b = plan.target();
        if (plan.lagGate() != null) {
            steps.add(StepType.START_MONITOR, "target", Map.of(StepParams.CLUSTER, b, StepParams.SOURCE_CLUSTER, a));
        }
        steps.add(StepType.FLUSH_TABLES, "source", Map.of(StepParams.CLUSTER, a));
        Map<String, Object> strategies = strategies(plan);
        steps.add(StepType.READ_ONLY, "source", fence(a, plan, strategies), Map.of(), FlipGate.of(plan));
        steps.add(StepType.READ_ONLY, "target", fence(b, plan, strategies));
        steps.add(StepType.KILL_CONNECTIONS, "source", Map.of(StepParams.CLUSTER, a, StepParams.EXEMPT_USERS, plan.exemptUsers(),
                StepParams.STRATEGIES, strategies));
        steps.add(StepType.FLUSH_TABLES, "source", Map.of(StepParams.CLUSTER, a));
        // WAIT_SYNC, CAPTURE_POSITION and REVERSE_REPLICATION check that A is fenced, which under account-lock
        // means its application accounts are locked: they need the strategies and the exempt accounts too.
        steps.add(StepType.WAIT_SYNC, "target", fenced(Map.of(StepParams.CLUSTER, b, StepParams.SOURCE_CLUSTER, a,
                StepParams.TIMEOUT_MS, plan.syncTimeout().toMillis()), plan, strategies));
        steps.add(StepType.STOP_REPLICA, "target", Map.of(StepParams.CLUSTER, b));
        String capture = steps.add(StepType.CAPTURE_POSITION, "target", fenced(Map.of(StepParams.CLUSTER, b), plan, strategies));
        if (plan.order() == FlipOrder.DNS_FIRST) {
            switchDns(steps, plan);
        }
        steps.add(StepType.WRITABLE, "target", fence(b, plan, strategies));
        steps.add(StepType.RESET_REPLICA, "source", Map.of(StepParams.CLUSTER, a));
        steps.add(StepType.REVERSE_REPLICATION, "source", fenced(Map.of(StepParams.CLUSTER, a, StepParams.SOURCE_CLUSTER, b), plan,
                strategies),
                Map.of(StepParams.POSITION, new PlannedStep.FactRef(capture, StepParams.FACT_POSITION)));
        steps.add(StepType.RESET_REPLICA, "target", Map.of(StepParams.CLUSTER, b));
        if (plan.order() == FlipOrder.WRITABLE_FIRST) {
            switchDns(steps, plan);
        }
        if (plan.lagGate() != null) {
            // Last, so it never lengthens the write-blocked window; the monitor's heartbeat went stale at READ_ONLY.
            steps.add(StepType.STOP_MONITOR, "target", Map.of(StepParams.CLUSTER, b, StepParams.SOURCE_CLUSTER, a));
        }
        PlannedStep rollback = new PlannedStep("rollback", StepType.ROLLBACK,
                Map.of(StepParams.CLUSTER, a, StepParams.TARGET_CLUSTER, b, StepParams.EXEMPT_USERS, plan.exemptUsers(),
                        StepParams.STRATEGIES, strategies),
                Map.of());
        // A stops replicating from B: from then on a flip back would lose B's writes, so it is refused.
        PlannedStep pointOfNoReturn = new PlannedStep("point-of-no-return", StepType.RESET_REPLICA,
                Map.of(StepParams.CLUSTER, a), Map.of());
        return new Compiled(steps.steps, rollback, pointOfNoReturn);
    }

    /**
     * The plan's read-only and kill strategies as the executors read them ({@link StepParams#STRATEGIES}):
     * given to every step that fences, ends sessions or lifts the fence, so that undoing uses the same way.
     */
    private static Map<String, Object> strategies(FlipPlan plan) {
        return Map.of(StepParams.STRATEGY_READ_ONLY, plan.readOnly(), StepParams.STRATEGY_KILL, plan.kill());
    }

    /** READ_ONLY and WRITABLE: the cluster, the strategies, and the accounts account-lock leaves alone. */
    private static Map<String, Object> fence(String cluster, FlipPlan plan, Map<String, Object> strategies) {
        return fenced(Map.of(StepParams.CLUSTER, cluster), plan, strategies);
    }

    /** {@code params} plus the strategies and the accounts account-lock leaves alone. */
    private static Map<String, Object> fenced(Map<String, Object> params, FlipPlan plan, Map<String, Object> strategies) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put(StepParams.STRATEGIES, strategies);
        all.put(StepParams.EXEMPT_USERS, plan.exemptUsers());
        return all;
    }

    private static void switchDns(Builder steps, FlipPlan plan) {
        for (FlipPlan.Application app : plan.applications()) {
            if (app.switchBackFacts() != null) {
                steps.add(StepType.FLIP_BACK, app.name(), Map.of(StepParams.APPLICATION, app.name(),
                        StepParams.SWITCH_FACTS, app.switchBackFacts()));
                continue;
            }
            List<Map<String, Object>> records = app.records().stream().map(PlanCompiler::record).toList();
            Map<String, Object> params = new LinkedHashMap<>(Map.of(StepParams.APPLICATION, app.name(), StepParams.RECORDS, records));
            if (plan.maxTtlSeconds() != null) {
                params.put(StepParams.MAX_TTL_SECONDS, plan.maxTtlSeconds());
            }
            steps.add(StepType.SWITCH_DNS, app.name(), params);
        }
    }

    private static Map<String, Object> record(FlipPlan.DnsRecord record) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(StepParams.RECORD_ZONE, record.zone());
        entry.put(StepParams.RECORD_NAME, record.name());
        entry.put(StepParams.RECORD_TYPE, record.type());
        entry.put(StepParams.RECORD_TTL, record.ttl());
        entry.put(StepParams.RECORD_VALUE, record.targetValue());
        entry.put(StepParams.RECORD_PREVIOUS_VALUE, record.sourceValue());
        return entry;
    }

    private static final class Builder {
        private final List<PlannedStep> steps = new ArrayList<>();

        String add(StepType type, String subject, Map<String, Object> params) {
            return add(type, subject, params, Map.of());
        }

        String add(StepType type, String subject, Map<String, Object> params, Map<String, PlannedStep.FactRef> bindings) {
            return add(type, subject, params, bindings, null);
        }

        String add(StepType type, String subject, Map<String, Object> params, Map<String, PlannedStep.FactRef> bindings,
                FlipGate gate) {
            String stepId = String.format(Locale.ROOT, "%02d-%s-%s", steps.size() + 1,
                    type.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    subject.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
            steps.add(new PlannedStep(stepId, type, params, bindings, gate));
            return stepId;
        }
    }
}
