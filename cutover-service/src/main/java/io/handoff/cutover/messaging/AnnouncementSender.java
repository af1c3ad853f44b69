package io.handoff.cutover.messaging;

import io.handoff.common.event.Announcements;
import io.handoff.common.event.ApplicationEvent;
import io.handoff.common.event.ApplicationEventKind;
import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.cutover.config.CutoverConfig;
import io.handoff.kit.messaging.KeyedSender;
import io.handoff.kit.steps.FenceListener;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Publishes the {@link Announcements} a FENCE command carries on {@code handoff.applications}, keyed by application:
 * the applications' FENCE_STARTED before the old master's READ_ONLY runs (then the rest of the notice is waited out),
 * their MASTER_WRITABLE the moment the new master's WRITABLE succeeded, without waiting for Kafka's acknowledgement.
 * Best effort: the planner publishes its own copy when it sees the step's event. Never throws: the fence goes on.
 *
 * <p>The planner tells the applications FENCE_STARTED when it sends the command; before the step the FENCE_STARTED
 * events are carried for, this waits out what is left of the {@link FenceNotice} ({@code handoff.cutover.fence-notice},
 * counted from the command's arrival) so that a transaction opened before the applications heard of the fence can end
 * before the fence refuses or kills it.
 *
 * <p>The first record a producer sends to a topic waits for the topic's metadata, and the first event read from a
 * FENCE command warms Jackson: about 100 ms in the write-blocked window of the first flip after a start.
 * {@link #warm} pays both once, at the first command this service consumes (a plan's first steps come long before
 * its flip).
 */
@ApplicationScoped
public class AnnouncementSender {
    static final String CHANNEL = "handoff.announcements";
    private static final Logger LOG = Logger.getLogger(AnnouncementSender.class);

    private final Emitter<String> emitter;
    private final KafkaClientService kafka;
    private final AtomicBoolean warmed = new AtomicBoolean();
    private final Clock clock = Clock.systemUTC();
    private final FenceNotice notice;

    public AnnouncementSender(@Channel(CHANNEL) Emitter<String> emitter, KafkaClientService kafka, CutoverConfig config) {
        this.emitter = emitter;
        this.kafka = kafka;
        this.notice = new FenceNotice(config.fenceNotice());
    }

    /** What tells {@code fence}'s applications of its steps, as the fence runs. */
    public FenceListener listener(StepCommand fence) {
        Instant arrived = clock.instant();
        return new FenceListener() {
            @Override
            public void starting(FenceSteps.Step step) {
                List<ApplicationEvent> told = carried(fence, step, Announcements::before, "is starting");
                // Sent before the notice is waited out, not after: an application that only hears this copy gets the
                // notice too, and the broker and the services reading it are done before the fence's window begins.
                publish(step, told, "is starting");
                awaitNotice(step, notice.left(arrived, told, clock.instant()));
            }

            @Override
            public void succeeded(FenceSteps.Step step, StepEvent outcome) {
                publish(step, carried(fence, step, Announcements::after, "succeeded"), "succeeded");
            }
        };
    }

    /**
     * Once per service: fetches {@code handoff.applications}' metadata into the announcements' producer and reads an
     * announcement through Jackson, so that the first fence's announcements go out at once. Never blocks, never throws.
     */
    public void warm() {
        if (!warmed.compareAndSet(false, true)) {
            return;
        }
        try {
            ApplicationEvent.Address address = new ApplicationEvent.Address("warm-up", 3306);
            StepCommand sample = StepCommand.issue("warm-up", "warm-up", StepType.FENCE, Announcements.attachBefore(Map.of(),
                    "warm-up", List.of(ApplicationEvent.of("warm-up", ApplicationEventKind.FENCE_STARTED, "warm-up", 1,
                            address, address, clock))), 1, clock.instant(), 1, clock);
            Json.toJson(Announcements.sentNow(Announcements.before(sample, "warm-up").get(0), clock));
            KafkaProducer<Object, Object> producer = kafka.getProducer(CHANNEL);
            if (producer != null) {
                producer.partitionsFor(Topics.APPLICATIONS).subscribe().with(
                        partitions -> LOG.debugf("%s: %d partition(s) known to the announcements' producer",
                                Topics.APPLICATIONS, partitions.size()),
                        failure -> LOG.infof("%s: its metadata could not be fetched ahead (%s); the first announcement"
                                + " fetches it", Topics.APPLICATIONS, failure.getMessage()));
            }
        } catch (RuntimeException e) {
            LOG.infof("the announcements could not be warmed up (%s); the first one pays for it", e.toString());
        }
    }

    /** Waits out {@code left} of the applications' notice before {@code step}. */
    private void awaitNotice(FenceSteps.Step step, Duration left) {
        if (left.isZero()) {
            return;
        }
        LOG.infof("%s waits %d ms more: the applications' notice of %d ms before the fence", step.stepId(), left.toMillis(),
                notice.notice().toMillis());
        try {
            Thread.sleep(left.toMillis(), left.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The events {@code fence} carries for {@code step}; none (said once) when they cannot be read. */
    private List<ApplicationEvent> carried(StepCommand fence, FenceSteps.Step step,
            BiFunction<StepCommand, String, List<ApplicationEvent>> carried, String what) {
        try {
            return carried.apply(fence, step.stepId());
        } catch (IllegalArgumentException e) {
            LOG.warnf("FENCE %s: its announcements as %s %s cannot be read (%s); the planner publishes them",
                    fence.commandId(), step.stepId(), what, e.getMessage());
            return List.of();
        }
    }

    private void publish(FenceSteps.Step step, List<ApplicationEvent> events, String what) {
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
            LOG.infof("%s %s: told %d application(s) %s", step.stepId(), what, events.size(), events.get(0).kind());
        }
    }
}
