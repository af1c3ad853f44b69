package io.handoff.dns.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.step.DnsFacts;
import io.handoff.common.step.StepFacts;
import io.handoff.dns.route53.CallDeadline;
import io.handoff.dns.route53.ChangePendingException;
import io.handoff.dns.route53.ChangeWaiter;
import io.handoff.dns.route53.DnsAnswers;
import io.handoff.dns.route53.RecordSnapshot;
import io.handoff.dns.route53.RecordSpec;
import io.handoff.dns.route53.Route53Failure;
import io.handoff.dns.route53.SdkRetryCounter;
import io.handoff.kit.steps.StepFailedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Brings a DNS step's records to their targets, in every hosted zone they live in; what SWITCH_DNS,
 * FLIP_BACK, LOWER_TTL and RESTORE_TTL have in common.
 *
 * <p>Converges: it reads what Route 53 holds and writes only records that differ, so a redelivered or
 * retried command that finds every record in place writes nothing and reports {@code alreadyApplied}
 * (after waiting, when a DNS server is configured, until it answers the new values: the crashed attempt
 * may have submitted a change that is not served yet).
 * Otherwise it submits one all-or-nothing DELETE-as-read + CREATE batch per zone (undoing earlier zones
 * if a later one fails, see {@link ZoneChanges}), waits until each change is INSYNC within the command's
 * deadline, reads every record back and, when a DNS server is configured ({@link DnsAnswers}), waits
 * until it answers the new values, before reporting success. Facts: {@link SwitchDnsFacts}, which the step's handler
 * reports as the facts record of its step type; a failure part-way carries that record already.
 *
 * <p>Deadline: every Route 53 call, retries and backoff included, is bounded by the command's deadline
 * ({@link CallDeadline}), so throttling is retried until then and no longer.
 *
 * <p>Failures: an unknown zone, a refused batch, a record changed behind the plan's back or (when asked) a
 * TTL in force above the maximum are terminal; Route 53 unavailable (throttled or 5xx past the retries,
 * the deadline reached while retrying, no answer), a change still PENDING or a DNS server still answering
 * the old value at the deadline are retryable. Each says in which state the records were left.
 *
 * <p>Metrics: {@code handoff_dns_insync_seconds} (timer, per zone: submission to INSYNC),
 * {@code handoff_dns_route53_retries_total} (SDK retries), {@code handoff_dns_switch_failures_total}
 * (failed DNS steps, per step). Runs on the consuming worker thread, one command at a time.
 */
@ApplicationScoped
class RecordSwitcher {
    static final String INSYNC_TIMER = "handoff.dns.insync";
    static final String RETRIES_COUNTER = "handoff.dns.route53.retries";
    static final String FAILURES_COUNTER = "handoff.dns.switch.failures";

    private final ZoneStateReader reader;
    private final ZoneChanges changes;
    private final ChangeWaiter waiter;
    private final DnsAnswers dnsAnswers;
    private final SdkRetryCounter retryCounter;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    RecordSwitcher(ZoneStateReader reader, ZoneChanges changes, ChangeWaiter waiter, DnsAnswers dnsAnswers,
            SdkRetryCounter retryCounter, MeterRegistry meters) {
        this.reader = reader;
        this.changes = changes;
        this.waiter = waiter;
        this.dnsAnswers = dnsAnswers;
        this.retryCounter = retryCounter;
        this.meters = meters;
    }

    /** Refuses a command whose deadline has passed, before anything is read. */
    private void checkDeadline(StepCommand command, String application, List<RecordTarget> records)
            throws StepFailedException {
        if (command.pastDeadline(clock.instant())) {
            throw new StepFailedException(command.type() + " of " + application + " not started: its deadline "
                    + command.deadline() + " has passed", true, RecordTarget.nothingChanged(records), null, null);
        }
    }

    /** Runs {@code request} for {@code command}, without a TTL-in-force check; returns the facts. */
    DnsFacts.Switched run(StepCommand command, SwitchDnsRequest request) throws StepFailedException {
        return run(command, request, null);
    }

    /**
     * Runs {@code request} for {@code command}; returns the facts. Every Route 53 call it makes is bounded by
     * the command's deadline ({@link CallDeadline}); a failure because Route 53 stayed unavailable says how
     * many calls the SDK retried during the command.
     *
     * @param maxTtlSeconds when not {@code null}, the highest TTL a record about to be written may have in
     *                      force: checked on what was read, before anything is written (see {@link #refuseTtlAbove})
     * @throws StepFailedException whose facts, when the records were read, are the facts record of the request's
     *                             step ({@link SwitchDnsFacts#of})
     */
    DnsFacts.Switched run(StepCommand command, SwitchDnsRequest request, Long maxTtlSeconds) throws StepFailedException {
        LongSupplier sdkRetries = retryCounter.tally();
        try (CallDeadline.Scope deadline = CallDeadline.until(command.deadline())) {
            checkDeadline(command, request.application(), request.records());
            SwitchDnsFacts facts = new SwitchDnsFacts(request.step(), request.application(), reader.read(request),
                    sdkRetries);
            if (facts.zones().stream().allMatch(ZoneSwitch::inPlace)) {
                // A redelivery after a crash may find the batch submitted but not yet served: confirm the answers.
                verifyDns(command, facts, "Route 53 holds the new values of " + request.application() + " in every zone");
                return facts.switched(true);
            }
            if (maxTtlSeconds != null) {
                refuseTtlAbove(maxTtlSeconds, request, facts.zones());
            }
            List<SubmittedZone> submitted = changes.apply(request.step(), request.application(), facts.zones(),
                    comment(command, request));
            submitted.forEach(facts::submitted);
            String switched = "Route 53 holds the new values of " + request.application() + " in every zone";
            for (SubmittedZone zone : submitted) {
                awaitInsync(zone, command, facts, switched);
            }
            verify(facts, switched);
            verifyDns(command, facts, switched);
            return facts.switched(false);
        } catch (StepFailedException e) {
            throw counted(command, withRetries(e, sdkRetries.getAsLong(), command, request));
        } finally {
            meters.counter(RETRIES_COUNTER).increment(sdkRetries.getAsLong());
        }
    }

    /**
     * Refuses, terminally and before anything is written, a step whose records to be written have a TTL in
     * force above {@code maxTtlSeconds}: resolvers may keep serving their old value that long after the
     * flip. Only records this step writes count ({@link ZoneSwitch#pending()}), with the TTL read before the
     * step; a record that does not exist yet or is an alias (no TTL of its own) has none to check.
     *
     * @throws StepFailedException terminal, naming each such record with its TTL and the maximum, and telling
     *                             the operator to run LOWER_TTL first; nothing was changed
     */
    static void refuseTtlAbove(long maxTtlSeconds, SwitchDnsRequest request, List<ZoneSwitch> zones)
            throws StepFailedException {
        List<String> tooHigh = new ArrayList<>();
        long longest = 0;
        for (ZoneSwitch zone : zones) {
            for (RecordTarget record : zone.pending()) {
                Long ttl = zone.before(record).map(RecordSnapshot::ttl).orElse(null);
                if (ttl != null && ttl > maxTtlSeconds) {
                    tooHigh.add(record.spec().key() + " (zone " + record.zone() + ") has TTL " + ttl + " s");
                    longest = Math.max(longest, ttl);
                }
            }
        }
        if (!tooHigh.isEmpty()) {
            throw StepFailedException.terminal(request.step() + " of " + request.application() + " refused: the TTL in"
                    + " force is above the maximum of " + maxTtlSeconds + " s (" + DnsParams.MAX_TTL_SECONDS + "): "
                    + String.join("; ", tooHigh) + ". Run LOWER_TTL to at most " + maxTtlSeconds + " s first, then wait"
                    + " at least the old TTL (" + longest + " s) before the flip, so that no resolver still caches the"
                    + " old value longer than that", RecordTarget.nothingChanged(request.records()));
        }
    }

    /**
     * {@code e} with the SDK retries of the command added to its reason (and facts) when Route 53 stayed
     * throttling or unavailable until the call or the deadline gave up; {@code e} itself otherwise. A failure
     * before the records were read carries no facts: it then reports the retries alone.
     */
    private static StepFailedException withRetries(StepFailedException e, long retries, StepCommand command,
            SwitchDnsRequest request) {
        Route53Failure cause = route53Cause(e);
        if (cause == null || (cause.kind() != Route53Failure.Kind.DEADLINE && cause.kind() != Route53Failure.Kind.UNAVAILABLE)) {
            return e;
        }
        DnsFacts.Switched switched = e.facts() instanceof DnsFacts.Switching switching ? switching.switched() : null;
        StepFacts facts = SwitchDnsFacts.of(request.step(), switched == null
                ? new DnsFacts.Switched(null, null, null, null, null, null, null, retries, null)
                : new DnsFacts.Switched(switched.application(), switched.zones(), switched.oldValues(),
                        switched.newValues(), switched.records(), switched.insyncMs(), switched.alreadyApplied(), retries,
                        switched.dnsVerified()));
        return new StepFailedException(e.getMessage() + " [" + retries + " Route 53 call attempts were retried during"
                + " this command, whose deadline is " + command.deadline() + "]", e.failure().retryable(), e.failure().recoverableState(), facts, e.getCause());
    }

    private static Route53Failure route53Cause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof Route53Failure failure) {
                return failure;
            }
        }
        return null;
    }

    /** Counts {@code e} in {@value #FAILURES_COUNTER}; returns it. */
    private StepFailedException counted(StepCommand command, StepFailedException e) {
        meters.counter(FAILURES_COUNTER, "step", command.type().name()).increment();
        return e;
    }

    private void awaitInsync(SubmittedZone zone, StepCommand command, SwitchDnsFacts facts, String switched)
            throws StepFailedException {
        String label = zone.zone().zone().label();
        try {
            long millis = waiter.awaitInsync(zone.change(), command.deadline());
            facts.insync(zone.zone(), millis);
            Timer.builder(INSYNC_TIMER).description("Submission to INSYNC of a change batch")
                    .tag("zone", label).register(meters).record(millis, TimeUnit.MILLISECONDS);
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
            throw failure("cannot read the records back after the change: " + e.getMessage(), true,
                    switched + " (INSYNC); not read back", facts, e);
        }
        if (!wrong.isEmpty()) {
            String holds = String.join("; ", wrong);
            throw failure("records changed by someone else during the change: " + holds, false,
                    "Route 53 holds: " + holds, facts, null);
        }
    }

    private void verifyDns(StepCommand command, SwitchDnsFacts facts, String switched) throws StepFailedException {
        if (!dnsAnswers.enabled()) {
            return;
        }
        List<RecordSpec> specs = facts.zones().stream().flatMap(z -> z.records().stream()).map(RecordTarget::spec).toList();
        List<String> wrong = dnsAnswers.awaitAnswers(specs, command.deadline());
        if (!wrong.isEmpty()) {
            throw failure("the DNS server still answers old values at the deadline: " + String.join("; ", wrong), true,
                    switched + " (INSYNC, read back); DNS answers not confirmed yet", facts, null);
        }
        facts.dnsVerified();
    }

    private static StepFailedException failure(String reason, boolean retryable, String state, SwitchDnsFacts facts,
            Throwable cause) {
        return new StepFailedException(reason, retryable, state, facts.failed(), cause);
    }

    private static String comment(StepCommand command, SwitchDnsRequest request) {
        return "handoff plan " + command.planId() + " step " + command.stepId() + " command " + command.commandId()
                + ": " + request.step() + " " + request.application();
    }
}
