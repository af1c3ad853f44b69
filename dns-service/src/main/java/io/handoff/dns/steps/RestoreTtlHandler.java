package io.handoff.dns.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.DnsFacts;
import io.handoff.common.step.StepParameters;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepParametersOf;
import io.handoff.kit.steps.StepHandler;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * RESTORE_TTL: puts records' TTLs back after a flip, keeping their values (the values may have been
 * switched since LOWER_TTL). Params: {@code application} (for reports) and {@code records}, LOWER_TTL's
 * {@code oldTtls} ({zone, name, type, setIdentifier?, ttl}). Facts: {@link RecordSwitcher}'s.
 * Converges: records already at their TTL are not written.
 */
@ApplicationScoped
public class RestoreTtlHandler implements StepHandler {
    private final ZoneStateReader reader;
    private final RecordSwitcher switcher;

    RestoreTtlHandler(ZoneStateReader reader, RecordSwitcher switcher) {
        this.reader = reader;
        this.switcher = switcher;
    }

    @Override
    public StepType type() {
        return StepType.RESTORE_TTL;
    }

    @Override
    public DnsFacts.RestoreTtl execute(StepCommand command) throws StepFailedException {
        StepType step = type();
        StepParameters.RestoreTtl params = StepParametersOf.command(command, StepParameters.RestoreTtl.class);
        String application = TtlHandlers.application(params);
        var changes = TtlHandlers.read(command, application, params.records(), reader, new TtlHandlers.TtlChoice() {
            @Override
            public long ttl(StepParameters.NamedRecord entry, String path) throws StepFailedException {
                return SwitchDnsRequest.ttl(entry.ttl(), path + "." + StepParams.RECORD_TTL, step);
            }

            @Override
            public long target(long asked, long current) {
                return asked;
            }
        });
        return new DnsFacts.RestoreTtl(switcher.run(command, TtlHandlers.request(step, application, changes)));
    }
}
