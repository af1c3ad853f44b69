package io.handoff.demo;

import io.handoff.localstack.workload.Ack;
import io.handoff.localstack.workload.WorkloadReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one application saw of one flip, from the workload's own record.
 *
 * @param follows                   {@code events} (the handoff client library) or {@code dns}
 * @param writeBlockedMs            its longest gap between acknowledged writes from the fence's start (READ_ONLY
 *                                  scheduled) to its first write acknowledged by the plan's final master
 * @param clientErrors              its writes (and connection attempts) that failed from the fence's start to the plan's end
 *                                  and a settling time after it
 * @param heldStatements            statements and connection requests its client library held during this flip; null
 *                                  for an application that follows DNS only
 * @param firstWriteAfterWritableMs from the moment the new master was writable (WRITABLE's confirmation) to the
 *                                  application's first write acknowledged there; null after a plan that did not complete
 */
public record ApplicationFlip(String follows, long writeBlockedMs, long clientErrors, Long heldStatements,
        Long firstWriteAfterWritableMs) {

    /**
     * @param fenceStart   when the fence started (READ_ONLY scheduled)
     * @param master       the address the application reaches the plan's final master at
     * @param writable     when the new master was writable (absent after a rollback)
     * @param reopened     from when the plan's final master takes writes again: the new master's WRITABLE, or the
     *                     rollback's start (a write the old master took before its fence does not end the block)
     * @param errorsUntil  the end of the window its errors are counted in
     */
    static ApplicationFlip of(WorkloadReport report, String application, boolean followsEvents, Long heldStatements,
            Instant fenceStart, String master, Optional<Instant> writable, Optional<Instant> reopened, Instant errorsUntil) {
        Optional<Ack> firstOnMaster = report.acks().stream()
                .filter(ack -> ack.application().equals(application) && ack.server().equals(master)
                        && !ack.sentAt().isBefore(reopened.orElse(fenceStart)))
                .findFirst();
        Instant unblocked = firstOnMaster.map(Ack::acknowledgedAt).orElse(errorsUntil);
        long blocked = report.longestGapBetweenAcksOf(application, fenceStart, unblocked.isBefore(fenceStart) ? fenceStart
                : unblocked).toMillis();
        long errors = report.errors().stream().filter(error -> error.application().equals(application)
                && !error.at().isBefore(fenceStart) && !error.at().isAfter(errorsUntil)).count();
        Long afterWritable = writable.flatMap(at -> firstOnMaster.map(ack -> Duration.between(at, ack.acknowledgedAt())
                .toMillis())).orElse(null);
        return new ApplicationFlip(followsEvents ? "events" : "dns", blocked, errors, heldStatements, afterWritable);
    }
}
