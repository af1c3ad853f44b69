package io.handoff.planner.plan;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plans this planner runs, by id. Enforces one active plan per cluster: a plan touching a cluster
 * that an unfinished plan touches is refused.
 */
@ApplicationScoped
public class PlanRegistry {
    private final Map<String, PlanRun> runs = new ConcurrentHashMap<>();

    /** Adds {@code run}, unless an unfinished plan already uses its source or target. */
    public synchronized void register(PlanRun run) {
        for (PlanRun other : runs.values()) {
            synchronized (other) {
                if (!other.status().terminal() && touchesSameCluster(run.plan(), other.plan())) {
                    throw new PlanConflictException("plan " + other.id() + " (" + other.plan().name() + ") is still "
                            + other.status() + " on cluster(s) " + other.plan().source() + "/" + other.plan().target()
                            + ": one flip at a time per cluster");
                }
            }
        }
        runs.put(run.id(), run);
    }

    public Optional<PlanRun> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    public Collection<PlanRun> all() {
        return List.copyOf(runs.values());
    }

    private static boolean touchesSameCluster(FlipPlan a, FlipPlan b) {
        return a.source().equals(b.source()) || a.source().equals(b.target())
                || a.target().equals(b.source()) || a.target().equals(b.target());
    }
}
