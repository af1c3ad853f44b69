package io.handoff.planner.plan;

import io.handoff.common.step.DnsFacts;
import io.handoff.common.step.StepContracts;
import io.handoff.common.event.StepType;
import io.handoff.common.step.StepParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Derives the flip back of a completed flip: the same flip with A and B swapped, and DNS going back
 * through FLIP_BACK steps fed with the SWITCH_DNS steps' confirmed facts (what they replaced, exactly;
 * not the plan's guesses). The records' values are swapped too, for the plan view. Lossless because A
 * has replicated from B since the flip. The operator's flip-back request is its approval and it is not
 * bound to the original maintenance window; the lag gate (and the snapshot) stays; it has no prepare
 * phase, since A already replicates from B, and no after phase. The applications' health checks run after
 * each switch back as after each switch. Pure.
 */
final class FlipBack {
    private FlipBack() {
    }

    /** The reverse plan of {@code run}, which must be COMPLETED. */
    static FlipPlan of(PlanRun run) {
        FlipPlan plan = run.plan();
        List<FlipPlan.Application> applications = new ArrayList<>();
        for (FlipPlan.Application app : plan.applications()) {
            StepRun switched = run.steps().stream()
                    .filter(s -> s.planned().type() == StepType.SWITCH_DNS
                            && app.name().equals(((StepParameters.OfApplication) s.planned().parameters()).application()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no SWITCH_DNS step for " + app.name()));
            DnsFacts.SwitchDns facts = StepContracts.decodeFacts(StepType.SWITCH_DNS, switched.facts(), DnsFacts.SwitchDns.class);
            Map<String, String> oldValues = orEmpty(facts.switched().oldValues());
            Map<String, String> newValues = orEmpty(facts.switched().newValues());
            List<FlipPlan.DnsRecord> records = app.records().stream().map(record -> new FlipPlan.DnsRecord(record.zone(),
                    record.name(), record.type(), record.ttl(),
                    value(newValues, record.name(), record.targetValue()),
                    value(oldValues, record.name(), record.sourceValue()))).toList();
            applications.add(new FlipPlan.Application(app.name(), records, facts, app.healthCheck(), app.port()));
        }
        return new FlipPlan(plan.name() + " (flip back)", plan.target(), plan.source(), plan.order(), plan.readOnly(),
                plan.kill(), plan.exemptUsers(),
                plan.syncTimeout(), plan.lagGate(), null, List.of(), null, applications, List.of(Phase.FLIP), null, null, List.of(),
                plan.snapshot(), plan.healthCheckTimeout(), plan.replicationSsl(), false);
    }

    /** The reported value of {@code name}; the plan's value when the executor did not report one. */
    private static String value(Map<String, String> reported, String name, String planned) {
        String value = reported.get(name);
        return value == null ? planned : value;
    }

    private static Map<String, String> orEmpty(Map<String, String> values) {
        return values == null ? Map.of() : values;
    }
}
