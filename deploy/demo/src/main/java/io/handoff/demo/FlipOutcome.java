package io.handoff.demo;

import java.util.List;
import java.util.Map;

/**
 * What one flip did, as the demo summary and the end-to-end tests report it. The fence facts
 * ({@code newMaster}, {@code serverStates}, {@code oldMasterWritesAfterFence}, {@code writableOverlapMs},
 * {@code rowDiffs}) are read from the servers after the plan ended, never derived from the plan.
 *
 * @param planId                          the plan
 * @param order                           writable-first or dns-first
 * @param planStatus                      COMPLETED, ROLLED_BACK or FAILED
 * @param reason                          the planner's reason when not COMPLETED
 * @param oldMaster                       address of A
 * @param newMaster                       address of the one server an application could write to after the plan, as the
 *                                        servers say ({@link ServerState#writableToApplications}); null when none or
 *                                        more than one could
 * @param writableServers                 every server an application could write to after the plan
 * @param serverStates                    both servers' state after the plan, by address
 * @param lostWrites                      acknowledged inserts missing on the master after the plan
 * @param writesOnOldMasterAfterReadOnly  inserts sent after A's READ_ONLY was confirmed that A acknowledged
 *                                        (before a rollback made it writable again); null when the plan has no
 *                                        confirmed READ_ONLY of A (unknown: no fallback)
 * @param oldMasterWritesAfterFence       transactions of A's own in A's binlog past its final position at the fence
 *                                        ({@link BinlogCensus}); null when unknown or after a plan that did not complete
 * @param census                          the census's details: fence position, the first GTIDs, why unknown
 * @param writableOverlapMs               time both servers accepted an application's probe write while the plan ran
 *                                        ({@link WritableMastersWatch}); null when no watch ran (a plan followed after
 *                                        it ended)
 * @param probeAttempts                   per server: probe writes attempted and accepted
 * @param overlaps                        the windows both servers accepted the probe write
 * @param rowDiffs                        rows differing between the two servers at one GTID position
 *                                        ({@link RowComparison}); null when they could not be compared
 * @param rowComparison                   the comparison's details: position, differing keys, rows compared
 * @param writeBlockedMs                  longest gap between acknowledged writes across the flip
 * @param readOnlyToWritableMs            from A confirmed read-only to B confirmed writable, to the microsecond (null
 *                                        after a rollback)
 * @param dnsInsyncMs                     longest time a DNS switch waited for INSYNC (null without a switch)
 * @param acknowledgedWrites              inserts acknowledged by any server so far
 * @param writeErrors                     inserts refused or failed so far (expected while writes are blocked)
 * @param rowsOnTarget                    rows of the workload's tables on the plan's target (B)
 * @param acksOnNewMasterAfterPlan        inserts acknowledged by the master the plan left after it ended
 * @param dnsAnswers                      what DNS answers for the name each application resolves, after the plan: a
 *                                        server's address, or its cluster's endpoint under security-group-swap
 *                                        ({@link ApplicationAddresses})
 * @param dnsRecordAnswers                what DNS answers for every record of every application (each zone), after the plan
 * @param stepDurationsMs                 step id -> milliseconds from scheduling to confirmation
 * @param perApplication                  per application, what it saw of the flip: whether it follows events (the
 *                                        handoff client library) or DNS, its write-blocked time, client errors, held
 *                                        statements and the time from the new master's WRITABLE to its first write there
 */
public record FlipOutcome(String planId, String order, String planStatus, String reason, String oldMaster,
        String newMaster, List<String> writableServers, Map<String, ServerState> serverStates, long lostWrites,
        Long writesOnOldMasterAfterReadOnly, Long oldMasterWritesAfterFence, BinlogCensus.Result census,
        Long writableOverlapMs, Map<String, List<Long>> probeAttempts, List<String> overlaps, Long rowDiffs,
        RowComparison.Result rowComparison, long writeBlockedMs, Double readOnlyToWritableMs, Long dnsInsyncMs,
        long acknowledgedWrites, long writeErrors, long rowsOnTarget, long acksOnNewMasterAfterPlan,
        Map<String, String> dnsAnswers, Map<String, String> dnsRecordAnswers, Map<String, Long> stepDurationsMs,
        Map<String, ApplicationFlip> perApplication) {

    /** The invariants of docs/DESIGN.md this flip must keep, whatever its status (an unknown figure does not hold). */
    public boolean invariantsHold() {
        return lostWrites == 0 && Long.valueOf(0).equals(writesOnOldMasterAfterReadOnly)
                && (writableOverlapMs == null || writableOverlapMs == 0) && Long.valueOf(0).equals(rowDiffs);
    }

    /** {@code duration} in milliseconds, to the microsecond: a fence's few milliseconds are not rounded away. */
    static double millis(java.time.Duration duration) {
        return Math.round(duration.toNanos() / 1_000.0) / 1_000.0;
    }
}
