package io.handoff.planner.plan;

import io.handoff.common.event.ApplicationEvent;
import io.handoff.common.event.ApplicationEventKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a plan's applications, in the plan's own outbox, where their master is: the fence started (hold
 * writes), the new master is writable (write there), the flip was rolled back (write to the old master again).
 * An application reaches a master at its first DNS record's value on that side of the flip (an address, or an
 * endpoint's name without the root dot) and its plan's port.
 */
final class ApplicationAnnouncer {
    private final Clock clock;

    ApplicationAnnouncer(Clock clock) {
        this.clock = clock;
    }

    /** Publishes {@link #events} in {@code out}. */
    void announce(PlanRun run, ApplicationEventKind kind, PlanOutbox out) {
        events(run, kind).forEach(out::announce);
    }

    /** One event of {@code kind} for every application of {@code run}'s plan, happening now. */
    List<ApplicationEvent> events(PlanRun run, ApplicationEventKind kind) {
        List<ApplicationEvent> events = new ArrayList<>();
        for (FlipPlan.Application app : run.plan().applications()) {
            if (app.records().isEmpty()) {
                continue; // validation refuses it; an application without records has no address to name
            }
            FlipPlan.DnsRecord first = app.records().get(0);
            events.add(ApplicationEvent.of(run.id(), kind, app.name(), run.fencingEpoch(),
                    address(first.sourceValue(), app.port()), address(first.targetValue(), app.port()), clock));
        }
        return events;
    }

    private static ApplicationEvent.Address address(String recordValue, int port) {
        String host = recordValue.endsWith(".") ? recordValue.substring(0, recordValue.length() - 1) : recordValue;
        return new ApplicationEvent.Address(host, port);
    }
}
