package io.handoff.dns.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import io.handoff.common.step.DnsFacts;
import io.handoff.common.step.StepParameters;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepHandler;
import io.handoff.kit.steps.StepParametersOf;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * FLIP_BACK: points an application's records back at what they held before its SWITCH_DNS, in every
 * zone the switch changed, from that switch's facts ({@link FlipBackRequest}). It is a switch in reverse
 * and runs as one ({@link RecordSwitcher}): all or nothing per zone, earlier zones restored when a later
 * one fails, INSYNC, read back and DNS answers checked; a record no longer holding the switched value is
 * refused and left as it is. Converges: a flip-back found done reports {@code alreadyApplied}.
 */
@ApplicationScoped
public class FlipBackHandler implements StepHandler {
    private final RecordSwitcher switcher;

    FlipBackHandler(RecordSwitcher switcher) {
        this.switcher = switcher;
    }

    @Override
    public StepType type() {
        return StepType.FLIP_BACK;
    }

    @Override
    public DnsFacts.FlipBack execute(StepCommand command) throws StepFailedException {
        StepParameters.FlipBack params = StepParametersOf.command(command, StepParameters.FlipBack.class);
        return new DnsFacts.FlipBack(switcher.run(command, FlipBackRequest.from(params)));
    }
}
