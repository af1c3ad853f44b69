package io.handoff.cutover.messaging;

import io.handoff.common.event.Announcements;
import io.handoff.common.event.ApplicationEvent;
import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.kit.messaging.KeyedSender;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Publishes the {@link Announcements} a FENCE command carries for one of its steps (the applications' MASTER_WRITABLE
 * after the new master's WRITABLE) on {@code handoff.applications}, keyed by application, the moment that step
 * succeeded, without waiting for Kafka's acknowledgement. Best effort: the planner publishes its own copy when it
 * sees the step's event. Never throws: the fence goes on.
 */
@ApplicationScoped
public class AnnouncementSender {
    static final String CHANNEL = "handoff.announcements";
    private static final Logger LOG = Logger.getLogger(AnnouncementSender.class);

    private final Emitter<String> emitter;
    private final Clock clock = Clock.systemUTC();

    public AnnouncementSender(@Channel(CHANNEL) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Publishes what {@code fence} carries for after {@code step}, if anything. */
    public void afterStep(StepCommand fence, FenceSteps.Step step, StepEvent succeeded) {
        List<ApplicationEvent> events;
        try {
            events = Announcements.after(fence, step.stepId());
        } catch (IllegalArgumentException e) {
            LOG.warnf("FENCE %s: its announcements after %s cannot be read (%s); the planner publishes them",
                    fence.commandId(), step.stepId(), e.getMessage());
            return;
        }
        for (ApplicationEvent event : events) {
            ApplicationEvent now = Announcements.sentNow(event, clock);
            try {
                KeyedSender.send(emitter, Topics.APPLICATIONS, now.application(), Json.toJson(now)).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.warnf("%s for %s was not accepted by Kafka (%s); the planner publishes it", now.kind(),
                                now.application(), failure.getMessage());
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf("%s for %s could not be sent (%s); the planner publishes it", now.kind(), now.application(),
                        e.getMessage());
            }
        }
        if (!events.isEmpty()) {
            LOG.infof("%s succeeded: told %d application(s) %s", step.stepId(), events.size(), events.get(0).kind());
        }
    }
}
