package io.handoff.dns.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import io.handoff.common.step.DnsFacts;
import io.handoff.common.step.StepParameters;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepParametersOf;
import io.handoff.kit.steps.StepHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * LOWER_TTL: lowers the TTL of records ahead of a flip, keeping their values. Params: {@code application}
 * (for reports), {@code records} ({zone, name, type, setIdentifier?}) and {@code ttl}; a record whose TTL
 * is already at most {@code ttl} is left as it is. Facts: those of {@link RecordSwitcher} plus
 * {@code oldTtls}, the TTLs read before, in the shape RESTORE_TTL takes as its records (also when the change fails).
 *
 * <p>Converges, with one limit: the old TTLs are those read by this attempt, so a retry after an attempt
 * that lowered the TTLs but failed later (e.g. still PENDING at its deadline) reports the lowered TTLs;
 * the failed attempt's facts carry the original ones.
 */
@ApplicationScoped
public class LowerTtlHandler implements StepHandler {
    private final ZoneStateReader reader;
    private final RecordSwitcher switcher;

    LowerTtlHandler(ZoneStateReader reader, RecordSwitcher switcher) {
        this.reader = reader;
        this.switcher = switcher;
    }

    @Override
    public StepType type() {
        return StepType.LOWER_TTL;
    }

    @Override
    public DnsFacts.LowerTtl execute(StepCommand command) throws StepFailedException {
        StepParameters.LowerTtl params = StepParametersOf.command(command, StepParameters.LowerTtl.class);
        String application = TtlHandlers.application(params);
        long ttl = SwitchDnsRequest.ttl(params.ttl(), DnsParams.TTL, type());
        List<TtlHandlers.TtlChange> changes = TtlHandlers.read(command, application, params.records(), reader,
                new TtlHandlers.TtlChoice() {
            @Override
            public long ttl(StepParameters.NamedRecord entry, String path) {
                return ttl;
            }

            @Override
            public long target(long asked, long current) {
                return Math.min(asked, current);
            }
        });
        List<StepParameters.NamedRecord> oldTtls = TtlHandlers.oldTtls(changes);
        DnsFacts.Switched switched;
        try {
            switched = switcher.run(command, TtlHandlers.request(type(), application, changes));
        } catch (StepFailedException e) {
            DnsFacts.Switched failed = e.facts() instanceof DnsFacts.Switching switching ? switching.switched() : null;
            throw new StepFailedException(e.getMessage(), e.failure().retryable(), e.failure().recoverableState(),
                    new DnsFacts.LowerTtl(failed, oldTtls), e.getCause());
        }
        return new DnsFacts.LowerTtl(switched, oldTtls);
    }
}
