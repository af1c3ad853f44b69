package io.handoff.dns.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * SWITCH_DNS: points an application's records, in every hosted zone they live in, at their new values
 * ({@link SwitchDnsRequest}); how, and how it fails: {@link RecordSwitcher}. Bad params are terminal.
 */
@ApplicationScoped
public class SwitchDnsHandler implements StepHandler {
    private final RecordSwitcher switcher;

    SwitchDnsHandler(RecordSwitcher switcher) {
        this.switcher = switcher;
    }

    @Override
    public StepType type() {
        return StepType.SWITCH_DNS;
    }

    @Override
    public Map<String, Object> execute(StepCommand command) throws StepFailedException {
        return switcher.run(command, SwitchDnsRequest.from(command.params()));
    }
}
