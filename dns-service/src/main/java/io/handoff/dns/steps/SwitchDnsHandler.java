package io.handoff.dns.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import io.handoff.common.step.DnsFacts;
import io.handoff.common.step.StepParameters;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepParametersOf;
import io.handoff.kit.steps.StepHandler;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SWITCH_DNS: points an application's records, in every hosted zone they live in, at their new values
 * ({@link SwitchDnsRequest}); how, and how it fails: {@link RecordSwitcher}. Bad params are terminal.
 *
 * <p>With {@value DnsParams#MAX_TTL_SECONDS}, the flip first checks the TTL in force of every record it is
 * about to write and refuses (terminal, nothing written) when any is above that maximum, naming each record,
 * its TTL and the maximum, and telling the operator to run LOWER_TTL and wait the old TTL first
 * ({@link RecordSwitcher#refuseTtlAbove}).
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
    public DnsFacts.SwitchDns execute(StepCommand command) throws StepFailedException {
        StepParameters.SwitchDns params = StepParametersOf.command(command, StepParameters.SwitchDns.class);
        SwitchDnsRequest request = SwitchDnsRequest.from(params);
        return new DnsFacts.SwitchDns(switcher.run(command, request, maxTtlSeconds(params)));
    }

    /**
     * The optional {@value DnsParams#MAX_TTL_SECONDS}: {@code null} when absent.
     *
     * @throws StepFailedException terminal when given but not a whole number of seconds from 0 on
     */
    static Long maxTtlSeconds(StepParameters.SwitchDns params) throws StepFailedException {
        Long value = params.maxTtlSeconds();
        return value == null ? null : SwitchDnsRequest.ttl(value, DnsParams.MAX_TTL_SECONDS, StepType.SWITCH_DNS);
    }
}
