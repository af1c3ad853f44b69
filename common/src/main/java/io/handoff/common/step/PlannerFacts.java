package io.handoff.common.step;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** The facts of the steps the planner decides itself, from the monitor's samples or its own probes. */
public final class PlannerFacts {

    private PlannerFacts() {
    }

    /**
     * WAIT_CAUGHT_UP: the last lag sample, the threshold, since when (ISO instant) and for how long the lag stayed at
     * most the threshold, and how long the step waited, ms.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WaitCaughtUp(Long lagMs, Long maxLagMs, Instant caughtUpSince, Long caughtUpForMs, Long waitedMs)
            implements StepFacts {
    }

    /**
     * CHECK_HEALTH: the URL probed, the HTTP status of the last answer (null when there was none), why the last probe
     * got no answer, how many probes were made and how long the step waited, ms.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckHealth(String url, Integer httpStatus, String error, Integer attempts, Long waitedMs) implements StepFacts {
    }
}
