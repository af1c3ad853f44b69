package io.handoff.common.event;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One valid, fully populated instance of each event, for the tests. */
final class TestEvents {

    static final Instant NOW = Instant.parse("2026-11-25T01:02:03.123456789Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String PLAN = "shop-to-aurora";

    private TestEvents() {
    }

    static StepCommand command() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("cluster", "onprem-main");
        params.put("strategy", "global");
        params.put("exemptUsers", List.of("auth"));
        params.put("timeoutSeconds", 30);
        params.put("snapshot", false);
        params.put("note", null);
        return StepCommand.issue(PLAN, "flip-1/read-only-a", StepType.READ_ONLY, params, 1,
                NOW.plusSeconds(60), 3, CLOCK);
    }

    static StepEvent succeeded() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("gtid", "0-1-4711");
        facts.put("durationMillis", 212);
        facts.put("records", List.of(Map.of("name", "db.storefront.internal.example.", "ttl", 5)));
        return StepEvent.succeeded(command(), facts, CLOCK);
    }

    static StepEvent failed() {
        return StepEvent.failed(command(), Failure.terminal("Access denied; you need SUPER", "A writable, B replicating"),
                Map.of("elapsedMillis", 12), CLOCK);
    }

    static LagSample lagSample() {
        return LagSample.of(PLAN, 120, false, "0-1-4711", "0-1-4700", 11, LagSample.UNKNOWN, 5000, NOW.minusMillis(5), CLOCK);
    }

    static DriftReport rowDrift() {
        return DriftReport.ofRow(PLAN, "shop.orders", DriftKind.DIFFERENT, Map.of("id", 42), NOW, CLOCK);
    }

    static DriftReport rangeDrift() {
        return DriftReport.ofRange(PLAN, "shop.order_lines", DriftKind.MISSING, new KeyRange("1000,1", "1999,9"), 17, NOW, CLOCK);
    }

    static PlanEvent planEvent() {
        return PlanEvent.of(PLAN, PlanEventKind.STEP_CONFIRMED, "flip-1/read-only-a", Map.of("attempt", 1), CLOCK);
    }

    static List<HandoffEvent> all() {
        return List.of(command(), StepEvent.started(command(), CLOCK), succeeded(), failed(), lagSample(), rowDrift(),
                rangeDrift(), planEvent(), PlanEvent.of(PLAN, PlanEventKind.SUBMITTED, null, Map.of(), CLOCK));
    }
}
