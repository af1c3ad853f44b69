package io.handoff.dns.steps;

import io.handoff.dns.route53.HostedZones;
import io.handoff.dns.route53.RecordSets;
import io.handoff.dns.route53.Route53Failure;
import io.handoff.dns.route53.SubmittedChange;
import io.handoff.kit.steps.StepFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Writes a switch: one all-or-nothing UPSERT batch per zone that needs one, zone after zone. The
 * switch as a whole is all or nothing too: when a zone's batch fails, the zones already changed are
 * put back (one restore batch each) before the failure is reported, so no application is left half
 * switched unless a restore itself fails, which the failure then says.
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
    List<SubmittedZone> apply(String application, List<ZoneSwitch> zones, String comment) throws StepFailedException {
        List<SubmittedZone> submitted = new ArrayList<>();
        for (ZoneSwitch zone : zones) {
            if (zone.inPlace()) {
                continue;
            }
            try {
                submitted.add(new SubmittedZone(zone, recordSets.upsert(zone.zone().id(), zone.pendingSpecs(), comment)));
            } catch (Route53Failure failure) {
                throw failedIn(application, zone, failure, zones, submitted, comment);
            }
        }
        return submitted;
    }

    private StepFailedException failedIn(String application, ZoneSwitch failed, Route53Failure failure,
            List<ZoneSwitch> zones, List<SubmittedZone> submitted, String comment) {
        if (failure.kind() == Route53Failure.Kind.NO_SUCH_ZONE) {
            hostedZones.forget(failed.zone().label());
        }
        boolean outcomeUnknown = failure.kind() == Route53Failure.Kind.NO_ANSWER;
        List<RecordTarget> untouched = zones.stream()
                .filter(zone -> submitted.stream().noneMatch(s -> s.zone() == zone))
                .filter(zone -> !(outcomeUnknown && zone == failed))
                .flatMap(zone -> zone.records().stream())
                .toList();
        List<String> state = new ArrayList<>();
        state.add("records left as they were: " + RecordTarget.describe(untouched));
        if (outcomeUnknown) {
            state.add("zone " + failed.zone().label() + " may or may not have been switched (its batch got no answer): "
                    + RecordTarget.describe(failed.pending()));
        }
        submitted.forEach(done -> state.add(restore(done, comment)));
        return new StepFailedException("SWITCH_DNS of " + application + ": zone " + failed.zone().label()
                + " refused the change of " + RecordTarget.describe(failed.pending()) + ": " + failure.getMessage(),
                failure.retryable(), String.join("; ", state), Map.of(), failure);
    }

    /** Puts one changed zone back; says what happened, as part of the recoverable state. */
    private String restore(SubmittedZone done, String comment) {
        ZoneSwitch zone = done.zone();
        try {
            SubmittedChange change = recordSets.restore(zone.zone().id(), zone.restorations(), comment + " (undo)");
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
