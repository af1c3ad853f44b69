package io.handoff.cutover.messaging;

import io.handoff.common.event.ApplicationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The notice applications get between hearing FENCE_STARTED and the old master's READ_ONLY: how long the fence still
 * waits before that step. The planner streams the event to the applications when its transaction carrying the FENCE
 * command commits, which is also when cutover-service can first read the command; so the notice counts from the
 * command's arrival here, whatever the commit took. Never longer than the notice itself.
 */
record FenceNotice(Duration notice) {
    FenceNotice {
        if (notice.isNegative()) {
            throw new IllegalArgumentException("handoff.cutover.fence-notice must not be negative: " + notice);
        }
    }

    /**
     * What is left of the notice at {@code now}, for a fence that arrived at {@code arrived} and tells {@code told}
     * before the step; zero when it tells no application.
     */
    Duration left(Instant arrived, List<ApplicationEvent> told, Instant now) {
        if (told.isEmpty() || notice.isZero()) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, arrived.plus(notice));
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(notice) > 0 ? notice : left;
    }
}
