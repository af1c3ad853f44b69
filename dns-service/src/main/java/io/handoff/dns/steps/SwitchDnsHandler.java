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
    public Map<String, Object> execute(StepCommand command) throws StepFailedException {
        SwitchDnsRequest request = SwitchDnsRequest.from(command.params());
        return switcher.run(command, request, maxTtlSeconds(command.params()));
    }

    /**
     * The optional {@value DnsParams#MAX_TTL_SECONDS}: {@code null} when absent.
     *
     * @throws StepFailedException terminal when given but not a whole number of seconds from 0 on
     */
    static Long maxTtlSeconds(Map<String, Object> params) throws StepFailedException {
        Object value = params.get(DnsParams.MAX_TTL_SECONDS);
        return value == null ? null : SwitchDnsRequest.ttl(value, DnsParams.MAX_TTL_SECONDS, StepType.SWITCH_DNS);
    }
}
