package io.handoff.dns.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.StepParameters;
import io.handoff.dns.route53.CallDeadline;
import io.handoff.dns.route53.RecordSnapshot;
import io.handoff.dns.route53.RecordSpec;
import io.handoff.kit.steps.StepFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What LOWER_TTL and RESTORE_TTL share: each record's target is what Route 53 holds now with another
 * TTL, so values are kept; the change itself is a {@link RecordSwitcher} run, with the value read as the
 * expected previous value (a record whose value changes in between is refused, not overwritten).
 */
final class TtlHandlers {

    private TtlHandlers() {
    }

    /** One record of a TTL step, read now, with the TTL it must get. */
    record TtlChange(RecordTarget target, long ttlBefore) {
    }

    /**
     * Reads {@code records} and gives each the TTL {@code ttlFor} chooses (from the
     * entry and the TTL it has now). Its Route 53 calls are bounded by the command's deadline ({@link CallDeadline}).
     *
     * @throws StepFailedException terminal when a param is wrong or a record is missing or an alias (no TTL)
     */
    static List<TtlChange> read(StepCommand command, String application, List<StepParameters.NamedRecord> records,
            ZoneStateReader reader, TtlChoice ttlFor) throws StepFailedException {
        try (CallDeadline.Scope deadline = CallDeadline.until(command.deadline())) {
            return readRecords(command.type(), application, records, reader, ttlFor);
        }
    }

    /** {@link #read}, within the command's {@link CallDeadline}. */
    private static List<TtlChange> readRecords(StepType step, String application, List<StepParameters.NamedRecord> records,
            ZoneStateReader reader, TtlChoice ttlFor) throws StepFailedException {
        if (records == null || records.isEmpty()) {
            throw SwitchDnsRequest.invalid(step, StepParams.RECORDS, "must be a non-empty list of records");
        }
        List<TtlChange> changes = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String path = StepParams.RECORDS + "[" + i + "]";
            StepParameters.NamedRecord entry = records.get(i);
            SwitchDnsRequest.RecordKey key = SwitchDnsRequest.key(entry.zone(), entry.name(), entry.type(),
                    entry.setIdentifier(), path, step);
            long ttl = ttlFor.ttl(entry, path);
            Optional<RecordSnapshot> current = reader.current(step, application, key.zone(), key.name(), key.type(),
                    key.setIdentifier());
            String label = key.name() + " " + key.type() + (key.setIdentifier() == null ? "" : " [" + key.setIdentifier() + "]");
            if (current.isEmpty()) {
                throw StepFailedException.terminal(step + " of " + application + ": " + label + " does not exist in zone "
                        + key.zone(), "nothing was changed");
            }
            if (current.get().ttl() == null) {
                throw StepFailedException.terminal(step + " of " + application + ": " + label
                        + " is an alias, which has no TTL of its own", "nothing was changed");
            }
            long before = current.get().ttl();
            RecordSpec target = current.get().toSpec().withTtl(ttlFor.target(ttl, before));
            changes.add(new TtlChange(new RecordTarget(key.zone(), target, current.get().content()), before));
        }
        return changes;
    }

    /** The request of {@code changes}. */
    static SwitchDnsRequest request(StepType step, String application, List<TtlChange> changes) throws StepFailedException {
        return SwitchDnsRequest.of(step, application, changes.stream().map(TtlChange::target).toList());
    }

    /** The application param, or {@code "-"} when not given (TTL steps act on records, the name is for reports). */
    static String application(StepParameters.OfApplication params) {
        return params.application() != null && !params.application().isBlank() ? params.application().trim() : "-";
    }

    /** LOWER_TTL's {@code oldTtls}: each record with the TTL it had, in RESTORE_TTL's record shape. */
    static List<StepParameters.NamedRecord> oldTtls(List<TtlChange> changes) {
        return changes.stream().map(change -> new StepParameters.NamedRecord(change.target().zone(),
                change.target().spec().name(), change.target().spec().type(), change.target().spec().setIdentifier(),
                change.ttlBefore())).toList();
    }

    /** How a TTL step chooses a record's TTL. */
    interface TtlChoice {
        /** The TTL the entry (or the command) asks for. */
        long ttl(StepParameters.NamedRecord entry, String path) throws StepFailedException;

        /** The TTL to write, given the one asked for and the current one. */
        long target(long asked, long current);
    }
}
