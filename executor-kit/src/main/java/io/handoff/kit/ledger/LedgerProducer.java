package io.handoff.kit.ledger;

import io.handoff.common.event.StepType;
import io.handoff.kit.steps.StepHandler;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.Set;

/** The service's one {@link ExecutionLedger}, keeping the completed commands of the step types it has handlers for. */
public class LedgerProducer {

    @Produces
    @Singleton
    ExecutionLedger ledger(Instance<StepHandler> handlers, LedgerConfig config) {
        Set<StepType> own = EnumSet.noneOf(StepType.class);
        handlers.forEach(handler -> own.add(handler.type()));
        return new ExecutionLedger(own, config.completedCommands());
    }
}
