package io.handoff.dns.steps;

import io.handoff.common.event.StepType;
import io.handoff.dns.route53.HostedZones;
import io.handoff.dns.route53.RecordSets;
import io.handoff.dns.route53.RecordSnapshot;
import io.handoff.dns.route53.Replacement;
import io.handoff.dns.route53.Route53Failure;
import io.handoff.dns.route53.SubmittedChange;
import io.handoff.kit.steps.StepFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Writes a DNS step: one all-or-nothing batch per zone that needs one, zone after zone, each record as
 * DELETE exactly as read + CREATE (see {@link io.handoff.dns.route53.Replacement}), so that a record
 * changed by someone else between our read and our write makes the batch fail instead of being
 * overwritten; the failure then names the record and the foreign value, which is left in place. The step
 * as a whole is all or nothing too: when a zone's batch fails, the zones already changed are put back
 * (one batch each) before the failure is reported, so no application is left half switched unless a
 * restore itself fails, which the failure then says.
 */
@ApplicationScoped
class ZoneChanges {
    private static final Logger LOG = Logger.getLogger(ZoneChanges.class);

    private final RecordSets recordSets;
    private final HostedZones hostedZones;

    ZoneChanges(RecordSets recordSets, HostedZones hostedZones) {
        this.recordSets = recordSets;
        this.hostedZones = hostedZones;
    }

    /**
     * Submits the batches of the zones that are not in place, in order.
     *
     * @param comment recorded with each batch in Route 53
     * @return the accepted batches, in order
     * @throws StepFailedException when a batch fails (retryable only when Route 53 was unavailable); its
     *                             recoverable state lists the records left as they were and the zones restored
     */
    List<SubmittedZone> apply(StepType step, String application, List<ZoneSwitch> zones, String comment)
            throws StepFailedException {
        List<SubmittedZone> submitted = new ArrayList<>();
        for (ZoneSwitch zone : zones) {
            if (zone.inPlace()) {
                continue;
            }
            try {
                submitted.add(new SubmittedZone(zone, recordSets.replace(zone.zone().id(), zone.replacements(), comment)));
            } catch (Route53Failure failure) {
                throw failedIn(step, application, zone, failure, zones, submitted, comment);
            }
        }
        return submitted;
    }

    private StepFailedException failedIn(StepType step, String application, ZoneSwitch failed, Route53Failure failure,
            List<ZoneSwitch> zones, List<SubmittedZone> submitted, String comment) {
        if (failure.kind() == Route53Failure.Kind.NO_SUCH_ZONE) {
            hostedZones.forget(failed.zone().label());
        }
        // No answer, or given up at the deadline with an attempt possibly under way: the batch may have been applied.
        boolean outcomeUnknown = failure.kind() == Route53Failure.Kind.NO_ANSWER
                || failure.kind() == Route53Failure.Kind.DEADLINE;
        List<RecordTarget> untouched = zones.stream()
                .filter(zone -> submitted.stream().noneMatch(s -> s.zone() == zone))
                .filter(zone -> !(outcomeUnknown && zone == failed))
                .flatMap(zone -> zone.records().stream())
                .toList();
        List<String> state = new ArrayList<>();
        state.add("records left as they were: " + RecordTarget.describe(untouched));
        if (outcomeUnknown) {
            state.add("zone " + failed.zone().label() + " may or may not have been switched (its batch got no answer in time): "
                    + RecordTarget.describe(failed.pending()));
        }
        List<String> foreign = failure.kind() == Route53Failure.Kind.INVALID_CHANGE_BATCH ? changedSinceRead(failed) : List.of();
        if (!foreign.isEmpty()) {
            state.add("the foreign values were left in place");
        }
        submitted.forEach(done -> state.add(restore(done, comment)));
        String reason = foreign.isEmpty()
                ? "zone " + failed.zone().label() + " refused the change of " + RecordTarget.describe(failed.pending())
                        + ": " + failure.getMessage()
                : "records of zone " + failed.zone().label() + " changed behind our back between our read and our write: "
                        + String.join("; ", foreign);
        return new StepFailedException(step + " of " + application + ": " + reason,
                failure.retryable(), String.join("; ", state), null, failure);
    }

    /**
     * The pending records of {@code zone} that Route 53 no longer holds as they were read, each as a
     * sentence with the value found; empty when none changed or they cannot be read again.
     */
    private List<String> changedSinceRead(ZoneSwitch zone) {
        List<String> changed = new ArrayList<>();
        try {
            for (RecordTarget record : zone.pending()) {
                Optional<RecordSnapshot> read = zone.before(record);
                Optional<RecordSnapshot> now = recordSets.read(zone.zone().id(), record.spec());
                boolean same = read.isEmpty() ? now.isEmpty() : read.get().toSpec().isHeldBy(now);
                if (!same) {
                    changed.add(record.spec().key() + " held " + read.map(r -> r.toSpec().describe()).orElse("nothing")
                            + " when read and now holds " + now.map(n -> n.toSpec().describe()).orElse("nothing"));
                }
            }
        } catch (Route53Failure e) {
            LOG.warnf(e, "could not read zone %s again after its batch was refused", zone.zone().label());
        }
        return changed;
    }

    /** Puts one changed zone back; says what happened, as part of the recoverable state. */
    private String restore(SubmittedZone done, String comment) {
        ZoneSwitch zone = done.zone();
        try {
            SubmittedChange change = recordSets.replace(zone.zone().id(),
                    zone.replacements().stream().map(Replacement::undo).toList(), comment + " (undo)");
            return "zone " + zone.zone().label() + " was switched by change " + done.change().changeId()
                    + " and restored to its old values by change " + change.changeId() + ": "
                    + RecordTarget.describe(zone.pending());
        } catch (Route53Failure restoreFailure) {
            LOG.errorf(restoreFailure, "could not restore zone %s after a failed switch", zone.zone().label());
            return "zone " + zone.zone().label() + " is STILL SWITCHED (change " + done.change().changeId()
                    + "), restoring it failed: " + restoreFailure.getMessage() + ": "
                    + RecordTarget.describe(zone.pending());
        }
    }
}
