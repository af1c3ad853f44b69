package io.handoff.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnouncementsTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void aFenceCarriesTheApplicationsEventsForOneOfItsStepsThroughItsJson() {
        ApplicationEvent.Address a = new ApplicationEvent.Address("127.0.0.2", 3306);
        ApplicationEvent.Address b = new ApplicationEvent.Address("db-b.example", 3306);
        List<ApplicationEvent> writable = List.of(
                ApplicationEvent.of("plan-1", ApplicationEventKind.MASTER_WRITABLE, "storefront", 4, a, b, CLOCK),
                ApplicationEvent.of("plan-1", ApplicationEventKind.MASTER_WRITABLE, "billing", 4, a, b, CLOCK));
        StepCommand fence = StepCommand.issue("plan-1", "02-read-only-source", StepType.FENCE, Map.of("steps", List.of()), 1,
                Instant.now().plusSeconds(60), 4, CLOCK);
        List<ApplicationEvent> started = List.of(
                ApplicationEvent.of("plan-1", ApplicationEventKind.FENCE_STARTED, "storefront", 4, a, b, CLOCK));
        StepCommand carrying = fence.withParams(Announcements.attachBefore(Announcements.attach(fence.params(),
                "09-writable-target", writable), "02-read-only-source", started));

        StepCommand received = Json.fromJson(Json.toJson(carrying), StepCommand.class);

        assertThat(Announcements.after(received, "09-writable-target")).isEqualTo(writable);
        assertThat(Announcements.after(received, "02-read-only-source")).isEmpty();
        assertThat(Announcements.after(fence, "09-writable-target")).isEmpty();
        assertThat(Announcements.before(received, "02-read-only-source")).isEqualTo(started);
        assertThat(Announcements.before(received, "09-writable-target")).isEmpty();
        ApplicationEvent sent = Announcements.sentNow(writable.get(0), CLOCK);
        assertThat(sent.eventId()).isEqualTo(writable.get(0).eventId());
        assertThat(sent.occurredAt()).isAfterOrEqualTo(writable.get(0).occurredAt());
    }
}
