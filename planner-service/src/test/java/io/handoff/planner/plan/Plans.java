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

    /**
     * The flip of {@link #valid} with {@code healthChecks[i]} as application i's health check URL (null: none),
     * {@code healthCheckTimeout} (null: the default) and {@code phases} (null: the flip only).
     */
    public static PlanRequest withHealthChecks(String name, List<String> phases, String healthCheckTimeout, String... healthChecks) {
        PlanRequest valid = valid(null);
        PlanRequest.Flip flip = valid.flip();
        List<PlanRequest.Application> apps = new java.util.ArrayList<>();
        for (int i = 0; i < healthChecks.length; i++) {
            PlanRequest.Application app = i < valid.applications().size() ? valid.applications().get(i)
                    : new PlanRequest.Application("app" + (i + 1), null,
                            List.of(record("internal.example.", "db.app" + (i + 1) + ".internal.example.")));
            apps.add(new PlanRequest.Application(i < valid.applications().size() ? app.name() : "app" + (i + 1), healthChecks[i],
                    app.records()));
        }
        return new PlanRequest(name, "source", "target", phases, null, new PlanRequest.Flip(flip.order(), flip.readOnly(),
                flip.kill(), flip.exemptUsers(), flip.syncTimeout(), null, null, null, healthCheckTimeout), null, null, apps);
    }

    /** {@link #valid} with the after phase: phases [flip, after]. */
    public static PlanRequest retiring(String name) {
        PlanRequest valid = valid(null);
        return new PlanRequest(name, "source", "target", List.of("flip", "after"), null, valid.flip(), null, null,
                valid.applications());
    }
}
