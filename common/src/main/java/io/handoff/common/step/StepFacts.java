package io.handoff.common.step;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.handoff.common.event.StepType;

/**
 * The facts one step type reports when it succeeds (or, in part, when it fails): one record per step type, named by
 * it ({@link StepContracts#factsOf}). Executors return them from their handlers; on the wire they are the JSON object
 * of {@link io.handoff.common.event.StepEvent#facts()}, the record's component names being the fact names, a null
 * component absent. Readers of events (the planner, which binds some facts into later steps' parameters, the CLI, the
 * demo) decode them with {@link StepContracts#decodeFacts}. Failed steps report the same record with what was measured
 * before the failure, the rest null.
 *
 * <p>The records are grouped by the executor that reports them: {@link CutoverFacts}, {@link MonitorFacts},
 * {@link DnsFacts} and {@link PlannerFacts} (the steps the planner decides itself).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface StepFacts permits
        CutoverFacts.Precheck, CutoverFacts.RetainBinlog, CutoverFacts.Seed, CutoverFacts.StartReplication,
        CutoverFacts.FlushTables, CutoverFacts.ReadOnly, CutoverFacts.KillConnections, CutoverFacts.WaitSync,
        CutoverFacts.Snapshot, CutoverFacts.StopReplica, CutoverFacts.CapturePosition, CutoverFacts.Writable,
        CutoverFacts.ResetReplica, CutoverFacts.ReverseReplication, CutoverFacts.Rollback, CutoverFacts.Decommission,
        MonitorFacts.StartMonitor, MonitorFacts.StopMonitor, MonitorFacts.Verify,
        DnsFacts.SwitchDns, DnsFacts.FlipBack, DnsFacts.LowerTtl, DnsFacts.RestoreTtl,
        PlannerFacts.WaitCaughtUp, PlannerFacts.CheckHealth {

    /** The step type that reports these facts: the one {@link StepContracts} pairs this record with. */
    default StepType type() {
        return StepContracts.typeOfFacts(getClass());
    }

    /** Facts of a step that converges: whether it found its effect in place and changed nothing. */
    interface Converging {
        /** {@code true} when the effect was already in place and nothing was changed; null when not known (a failure). */
        Boolean alreadyApplied();
    }

    /** Facts of a step that reports a replication position. */
    interface AtPosition {
        /** A GTID set (or {@code file:position}); null when not known. */
        String position();
    }
}
