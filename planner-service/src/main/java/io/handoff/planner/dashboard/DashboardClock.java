package io.handoff.planner.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The time as the dashboard's sessions and sign-in throttling see it; tests replace it (QuarkusMock) instead of sleeping. */
@ApplicationScoped
public class DashboardClock {

    public Instant now() {
        return Instant.now();
    }
}
