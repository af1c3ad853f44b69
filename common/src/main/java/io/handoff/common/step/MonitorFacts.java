package io.handoff.common.step;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The facts of the steps the replication monitor runs. */
public final class MonitorFacts {

    private MonitorFacts() {
    }

    /**
     * START_MONITOR: the lag of the monitor's first published sample, ms, and whether a monitor of the plan ran already.
     * The heartbeat interval and the cluster names (never more) let a restarted monitor resume the plan.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StartMonitor(Long firstLagMs, Boolean alreadyApplied, Long intervalMs, String cluster, String sourceCluster)
            implements StepFacts, StepFacts.Converging {
    }

    /** STOP_MONITOR: whether no monitor ran; the rows the stopped monitor checked, its backlog and drift reports. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StopMonitor(Boolean alreadyApplied, Long rowsChecked, Long backlog, Long driftReports)
            implements StepFacts, StepFacts.Converging {
    }

    /**
     * VERIFY: what was compared (schemas, tables, rows, chunks, rechecks, how long, rows/s, the tables compared whole)
     * and what differs: {@code drift} counts every difference, {@code differences} lists the first ones, and
     * {@code differencesTruncated} says that the list stops short of the count.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verify(List<String> schemas, Long tables, Long rows, Long chunks, Long rechecks, Long durationMs,
            Long rowsPerSecond, List<String> wholeTables, Long drift, List<Difference> differences,
            Boolean differencesTruncated) implements StepFacts {
    }

    /**
     * One difference VERIFY found: in {@code table}, the row of {@code key} (its key columns' values; empty for a
     * whole-table difference) is missing on the target, extra on it, or different ({@code kind}, the name of a
     * {@link io.handoff.common.event.DriftKind}); {@code detail} for a whole table.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Difference(String table, Map<String, Object> key, String kind, String detail) {
    }
}
