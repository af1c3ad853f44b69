package io.handoff.planner.plan;

import java.util.List;

/** Plans for tests. */
public final class Plans {
    private Plans() {
    }

    public static PlanRequest.DnsRecord record(String zone, String name) {
        return new PlanRequest.DnsRecord(zone, name, "A", 1, "127.0.0.2", "127.0.0.3");
    }

    public static PlanRequest valid(String order) {
        return new PlanRequest("shop-to-aurora", "source", "target",
                new PlanRequest.Flip(order, "global", "kill", List.of("auth"), "30s", null, null), null, null,
                List.of(new PlanRequest.Application("storefront", null,
                                List.of(record("internal.example.", "db.storefront.internal.example."))),
                        new PlanRequest.Application("billing", null,
                                List.of(record("internal.example.", "db.billing.internal.example."),
                                        record("public.example.", "db.billing.public.example.")))));
    }

    /**
     * A prepare-and-flip plan: mysqldump of {@code shop}, lag at most 500 ms for {@code caughtUpFor},
     * drift allowed in {@code allowDriftIn}.
     */
    public static PlanRequest whole(String name, String caughtUpFor, List<String> allowDriftIn) {
        PlanRequest valid = valid(null);
        return new PlanRequest(name, "source", "target", List.of("prepare", "flip"),
                new PlanRequest.Prepare(List.of("shop"), "2d", new PlanRequest.Seed("mysqldump", null, null), null, null),
                valid.flip(), new PlanRequest.Gates(500, "1m", caughtUpFor, null, allowDriftIn), null, valid.applications());
    }
}
