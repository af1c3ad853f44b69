package io.handoff.dns.steps;

import io.handoff.common.event.StepType;
import io.handoff.dns.route53.HostedZones;
import io.handoff.dns.route53.RecordSets;
import io.handoff.dns.route53.RecordSnapshot;
import io.handoff.dns.route53.Route53Failure;
import io.handoff.dns.route53.ZoneRef;
import io.handoff.kit.steps.StepFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads what Route 53 holds for a DNS step's records: resolves each zone, groups the records by zone
 * id (a zone named twice, by name and by id, is one zone) and reads each record. Only reads.
 */
@ApplicationScoped
class ZoneStateReader {
    private final HostedZones hostedZones;
    private final RecordSets recordSets;

    ZoneStateReader(HostedZones hostedZones, RecordSets recordSets) {
        this.hostedZones = hostedZones;
        this.recordSets = recordSets;
    }

    /**
     * The zones of {@code request} in order of first mention, each with its records' current state.
     *
     * @throws StepFailedException when a zone is unknown, Route 53 cannot be read (retryable when it is
     *                             unavailable), or a record no longer holds its stated previousValue; nothing was changed
     */
    List<ZoneSwitch> read(SwitchDnsRequest request) throws StepFailedException {
        Map<String, ZoneRef> zonesById = new LinkedHashMap<>();
        Map<String, List<RecordTarget>> recordsById = new LinkedHashMap<>();
        for (RecordTarget record : request.records()) {
            ZoneRef zone = call(record.zone(), request, () -> hostedZones.resolve(record.zone()));
            zonesById.putIfAbsent(zone.id(), zone);
            recordsById.computeIfAbsent(zone.id(), id -> new ArrayList<>()).add(record);
        }
        List<ZoneSwitch> zones = new ArrayList<>();
        for (ZoneRef zone : zonesById.values()) {
            Map<RecordTarget, Optional<RecordSnapshot>> before = new LinkedHashMap<>();
            for (RecordTarget record : recordsById.get(zone.id())) {
                before.put(record, call(zone.label(), request,
                        () -> recordSets.read(zone.id(), record.spec())));
            }
            zones.add(new ZoneSwitch(zone, before));
        }
        refuseUnexpectedValues(zones, request);
        return zones;
    }

    /**
     * The records of {@code zones} that do not hold their target now, each as a sentence; empty when
     * every record does.
     *
     * @throws Route53Failure when Route 53 cannot be read
     */
    List<String> notHoldingTarget(List<ZoneSwitch> zones) {
        List<String> problems = new ArrayList<>();
        for (ZoneSwitch zone : zones) {
            for (RecordTarget record : zone.records()) {
                Optional<RecordSnapshot> now = recordSets.read(zone.zone().id(), record.spec());
                if (!record.spec().isHeldBy(now)) {
                    problems.add(record.spec().key() + " holds " + now.map(s -> s.toSpec().describe()).orElse("nothing")
                            + " instead of " + record.spec().describe());
                }
            }
        }
        return problems;
    }

    private static void refuseUnexpectedValues(List<ZoneSwitch> zones, SwitchDnsRequest request)
            throws StepFailedException {
        List<String> problems = zones.stream().flatMap(zone -> zone.unexpectedValues().stream()).toList();
        if (!problems.isEmpty()) {
            throw StepFailedException.terminal(request.step() + " of " + request.application()
                    + " refused: records changed behind our back since the plan was made: " + String.join("; ", problems),
                    RecordTarget.nothingChanged(request.records()));
        }
    }

    /**
     * What Route 53 holds now for one record of zone {@code zone} (name or id), for a step that builds its
     * targets from the current records (LOWER_TTL, RESTORE_TTL). Only reads.
     *
     * @throws StepFailedException when the zone is unknown or Route 53 cannot be read (retryable when unavailable)
     */
    Optional<RecordSnapshot> current(StepType step, String application, String zone, String name, String type,
            String setIdentifier) throws StepFailedException {
        return call(zone, step, application, "nothing was changed", () -> {
            ZoneRef ref = hostedZones.resolve(zone);
            return recordSets.read(ref.id(), name, type, setIdentifier);
        });
    }

    private <T> T call(String zone, SwitchDnsRequest request, Supplier<T> call) throws StepFailedException {
        return call(zone, request.step(), request.application(), RecordTarget.nothingChanged(request.records()), call);
    }

    private <T> T call(String zone, StepType step, String application, String state, Supplier<T> call)
            throws StepFailedException {
        try {
            return call.get();
        } catch (Route53Failure failure) {
            if (failure.kind() == Route53Failure.Kind.NO_SUCH_ZONE) {
                hostedZones.forget(zone);
            }
            throw new StepFailedException(step + " of " + application + ": zone " + zone + ": "
                    + failure.getMessage(), failure.retryable(), state, null, failure);
        }
    }
}
