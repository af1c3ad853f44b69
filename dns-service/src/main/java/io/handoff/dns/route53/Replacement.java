package io.handoff.dns.route53;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * One record's part of a change batch, as DELETE of the record exactly as it was read followed by
 * CREATE of its new content (no UPSERT): if anyone changed the record between our read and our write,
 * the DELETE no longer matches and Route 53 refuses the whole batch (InvalidChangeBatch), so a foreign
 * value is never overwritten.
 *
 * @param remove what is deleted, {@code null} when the record did not exist
 * @param create what is created, {@code null} when the record must not exist afterwards
 */
public record Replacement(ResourceRecordSet remove, ResourceRecordSet create) {

    /** Replaces {@code current} (as read) by {@code target}. */
    public static Replacement of(Optional<RecordSnapshot> current, RecordSpec target) {
        return new Replacement(current.map(RecordSnapshot::recordSet).orElse(null),
                target.absent() ? null : target.toRecordSet());
    }

    /** The replacement that puts back what this one replaced. */
    public Replacement undo() {
        return new Replacement(create, remove);
    }

    List<Change> changes() {
        List<Change> changes = new ArrayList<>(2);
        if (remove != null) {
            changes.add(Change.builder().action(ChangeAction.DELETE).resourceRecordSet(remove).build());
        }
        if (create != null) {
            changes.add(Change.builder().action(ChangeAction.CREATE).resourceRecordSet(create).build());
        }
        return changes;
    }
}
