package io.handoff.demo;

import java.util.Map;

/**
 * What one flip did, as the demo summary and the end-to-end tests report it.
 *
 * @param planId                          the plan
 * @param order                           writable-first or dns-first
 * @param planStatus                      COMPLETED, ROLLED_BACK or FAILED
 * @param reason                          the planner's reason when not COMPLETED
 * @param oldMaster                       address of A
 * @param newMaster                       address of the master after the plan (B, or A after a rollback)
 * @param lostWrites                      acknowledged inserts missing on the master after the plan
 * @param writesOnOldMasterAfterReadOnly  inserts sent after A's READ_ONLY was confirmed that A acknowledged
 *                                        (before a rollback made it writable again)
 * @param writeBlockedMs                  longest gap between acknowledged writes across the flip
 * @param readOnlyToWritableMs            from A confirmed read-only to B confirmed writable (null after a rollback)
 * @param dnsInsyncMs                     longest time a DNS switch waited for INSYNC (null without a switch)
 * @param acknowledgedWrites              inserts acknowledged by any server so far
 * @param writeErrors                     inserts refused or failed so far (expected while writes are blocked)
 * @param rowsOnTarget                    rows of the workload's tables on the plan's target (B)
 * @param acksOnNewMasterAfterPlan        inserts acknowledged by that master after the plan ended
 * @param dnsAnswers                      what DNS answers for the name each application resolves, after the plan
 * @param dnsRecordAnswers                what DNS answers for every record of every application (each zone), after the plan
 * @param stepDurationsMs                 step id -> milliseconds from scheduling to confirmation
 */
public record FlipOutcome(String planId, String order, String planStatus, String reason, String oldMaster,
        String newMaster, long lostWrites, long writesOnOldMasterAfterReadOnly, long writeBlockedMs,
        Long readOnlyToWritableMs, Long dnsInsyncMs, long acknowledgedWrites, long writeErrors, long rowsOnTarget,
        long acksOnNewMasterAfterPlan, Map<String, String> dnsAnswers, Map<String, String> dnsRecordAnswers,
        Map<String, Long> stepDurationsMs) {

    /** The invariants of DESIGN.md this flip must keep, whatever its status. */
    public boolean invariantsHold() {
        return lostWrites == 0 && writesOnOldMasterAfterReadOnly == 0;
    }
}
