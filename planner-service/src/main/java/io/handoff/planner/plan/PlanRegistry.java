package io.handoff.planner.plan;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every plan of the log, by id: what {@link PlanFold} built from {@code handoff.plans}. Answers the two
 * questions a new plan asks of the others: is one of its clusters in an unfinished plan (one flip at a
 * time per cluster), and which fencing epoch comes next on its clusters. Filled only by the fold.
 */
@ApplicationScoped
public class PlanRegistry {
    private final Map<String, PlanRun> runs = new ConcurrentHashMap<>();

    /** Fails with {@link PlanConflictException} when an unfinished plan uses {@code plan}'s source or target. */
    public void checkClustersFree(FlipPlan plan) {
        for (PlanRun other : runs.values()) {
            synchronized (other) {
                if (!other.status().terminal() && (other.touches(plan.source()) || other.touches(plan.target()))) {
                    throw new PlanConflictException("plan " + other.id() + " (" + other.plan().name() + ") is still "
                            + other.status() + " on cluster(s) " + other.plan().source() + "/" + other.plan().target()
                            + ": one flip at a time per cluster");
                }
            }
        }
    }

    /**
     * The fencing epoch of a new plan: one more than the highest epoch of any plan (1 for the first). Global, not
     * per cluster name: executors keep epochs per server too (issue 16), and one server may be known by several
     * registry names, so a new plan's epoch must be above every epoch any name of its servers ever got.
     */
    public long nextEpoch() {
        return 1 + runs.values().stream().mapToLong(PlanRun::fencingEpoch).max().orElse(0);
    }

    void put(PlanRun run) {
        runs.put(run.id(), run);
        if (run.flipBackOf() != null) {
            find(run.flipBackOf()).ifPresent(original -> {
                synchronized (original) {
                    original.flippedBackBy(run.id());
                }
            });
        }
        runs.values().stream().filter(other -> run.id().equals(other.flipBackOf())).findFirst()
                .ifPresent(back -> run.flippedBackBy(back.id()));
    }

    /** Forgets every plan, before the log is replayed again. */
    public void clear() {
        runs.clear();
    }

    public Optional<PlanRun> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    public Collection<PlanRun> all() {
        return List.copyOf(runs.values());
    }
}
