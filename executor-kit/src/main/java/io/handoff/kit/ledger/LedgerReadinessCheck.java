package io.handoff.kit.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the {@link ExecutionLedger} was rebuilt from {@code handoff.step-events}: before that the
 * executor does not run commands (they wait), so it is not ready to take them.
 */
@Readiness
@ApplicationScoped
public class LedgerReadinessCheck implements HealthCheck {
    private final ExecutionLedger ledger;
    private final StepEventReplay replay;

    public LedgerReadinessCheck(ExecutionLedger ledger, StepEventReplay replay) {
        this.ledger = ledger;
        this.replay = replay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("executor-ledger")
                .status(ledger.ready())
                .withData("replay", replay.status())
                .withData("ledger", ledger.describe())
                .build();
    }
}
