package io.handoff.cutover.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.event.ApplicationEvent;
import io.handoff.common.event.ApplicationEventKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FenceNoticeTest {
    private static final Instant ARRIVED = Instant.parse("2026-12-06T01:14:39.543Z");
    private static final FenceNotice NOTICE = new FenceNotice(Duration.ofMillis(100));
    private static final List<ApplicationEvent> TOLD = List.of(told("storefront"), told("billing"));

    @Test
    void theFenceWaitsWhatIsLeftOfTheNoticeCountedFromTheCommandsArrival() {
        assertThat(NOTICE.left(ARRIVED, TOLD, ARRIVED.plusMillis(38))).as("38 ms of preparation count")
                .isEqualTo(Duration.ofMillis(62));
        assertThat(NOTICE.left(ARRIVED, TOLD, ARRIVED.plusMillis(100))).isZero();
        assertThat(NOTICE.left(ARRIVED, TOLD, ARRIVED.plusSeconds(30))).isZero();
    }

    @Test
    void aClockThatWentBackNeverStretchesTheNotice() {
        assertThat(NOTICE.left(ARRIVED.plusSeconds(5), TOLD, ARRIVED)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void noApplicationToldOrNoNoticeMeansNoWait() {
        assertThat(NOTICE.left(ARRIVED, List.of(), ARRIVED)).isZero();
        assertThat(new FenceNotice(Duration.ZERO).left(ARRIVED, TOLD, ARRIVED)).isZero();
        assertThatThrownBy(() -> new FenceNotice(Duration.ofMillis(-1))).hasMessageContaining("handoff.cutover.fence-notice");
    }

    private static ApplicationEvent told(String application) {
        return ApplicationEvent.of("plan-1", ApplicationEventKind.FENCE_STARTED, application, 4,
                new ApplicationEvent.Address("127.0.0.2", 3306), new ApplicationEvent.Address("127.0.0.3", 3306),
                Clock.fixed(ARRIVED.minusMillis(40), ZoneOffset.UTC));
    }
}
