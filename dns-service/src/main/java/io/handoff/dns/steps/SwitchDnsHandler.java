package io.handoff.dns.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import io.handoff.dns.route53.ChangePendingException;
import io.handoff.dns.route53.ChangeWaiter;
import io.handoff.dns.route53.Route53Failure;
import io.handoff.dns.route53.SdkRetryCounter;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * SWITCH_DNS: points an application's records, in every hosted zone they live in, at their new values.
 *
 * <p>Converges: it reads what Route 53 holds and writes only records that differ, so a redelivered or
 * retried command that finds every record switched writes nothing and reports {@code alreadyApplied}.
 * Otherwise it submits one all-or-nothing UPSERT batch per zone (undoing earlier zones if a later one
 * fails, see {@link ZoneChanges}), waits until each change is INSYNC within the command's deadline, and
 * reads every record back before reporting success. Facts: {@link SwitchDnsFacts}.
 *
 * <p>Failures: bad params, an unknown zone, a refused batch or a record changed behind the plan's back
 * are terminal; Route 53 unavailable (throttled past the SDK's retries, 5xx, no answer) or a change still
 * PENDING at the deadline are retryable. Each says in which state the records were left. Runs on the
 * consuming worker thread, one command at a time.
 */
@ApplicationScoped
public class SwitchDnsHandler implements StepHandler {
    private final ZoneStateReader reader;
    private final ZoneChanges changes;
    private final ChangeWaiter waiter;
    private final SdkRetryCounter retryCounter;
    private final Clock clock = Clock.systemUTC();

    SwitchDnsHandler(ZoneStateReader reader, ZoneChanges changes, ChangeWaiter waiter, SdkRetryCounter retryCounter) {
        this.reader = reader;
        this.changes = changes;
        this.waiter = waiter;
        this.retryCounter = retryCounter;
    }

    @Override
    public StepType type() {
        return StepType.SWITCH_DNS;
    }

    @Override
    public Map<String, Object> execute(StepCommand command) throws StepFailedException {
        SwitchDnsRequest request = SwitchDnsRequest.from(command.params());
        if (command.pastDeadline(clock.instant())) {
            throw new StepFailedException("SWITCH_DNS of " + request.application() + " not started: its deadline "
                    + command.deadline() + " has passed", true, RecordTarget.nothingChanged(request.records()), Map.of(), null);
        }
        LongSupplier sdkRetries = retryCounter.tally();
        SwitchDnsFacts facts = new SwitchDnsFacts(request.application(), reader.read(request), sdkRetries);
        if (facts.zones().stream().allMatch(ZoneSwitch::inPlace)) {
            return facts.toMap(true);
        }
        List<SubmittedZone> submitted = changes.apply(request.application(), facts.zones(), comment(command, request));
        submitted.forEach(facts::submitted);
        String switched = "Route 53 holds the new values of " + request.application() + " in every zone";
        for (SubmittedZone zone : submitted) {
            awaitInsync(zone, command, facts, switched);
        }
        verify(facts, switched);
        return facts.toMap(false);
    }

    private void awaitInsync(SubmittedZone zone, StepCommand command, SwitchDnsFacts facts, String switched)
            throws StepFailedException {
        String label = zone.zone().zone().label();
        try {
            facts.insync(zone.zone(), waiter.awaitInsync(zone.change(), command.deadline()));
        } catch (ChangePendingException e) {
            throw failure("the change of zone " + label + " (" + e.changeId() + ") was submitted and is still"
                    + " propagating: PENDING " + e.waitedMs() + " ms after submission, at the deadline",
                    true, switched + "; propagation not confirmed yet", facts, e);
        } catch (Route53Failure e) {
            throw failure("cannot follow the propagation of zone " + label + " (" + zone.change().changeId() + "): "
                    + e.getMessage(), true, switched + "; propagation not confirmed", facts, e);
        }
    }

    private void verify(SwitchDnsFacts facts, String switched) throws StepFailedException {
        List<String> wrong;
        try {
            wrong = reader.notHoldingTarget(facts.zones());
        } catch (Route53Failure e) {
            throw failure("cannot read the records back after the switch: " + e.getMessage(), true,
                    switched + " (INSYNC); not read back", facts, e);
        }
        if (!wrong.isEmpty()) {
            String holds = String.join("; ", wrong);
            throw failure("records changed by someone else during the switch: " + holds, false,
                    "Route 53 holds: " + holds, facts, null);
        }
    }

    private static StepFailedException failure(String reason, boolean retryable, String state, SwitchDnsFacts facts,
            Throwable cause) {
        return new StepFailedException(reason, retryable, state, facts.toMap(false), cause);
    }

    private static String comment(StepCommand command, SwitchDnsRequest request) {
        return "handoff plan " + command.planId() + " step " + command.stepId() + " command " + command.commandId()
                + ": switch " + request.application();
    }
}
