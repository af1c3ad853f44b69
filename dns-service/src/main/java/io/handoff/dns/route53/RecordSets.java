package io.handoff.dns.route53;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Reads and changes record sets of hosted zones. Every change is one ChangeResourceRecordSets batch,
 * which Route 53 applies all or nothing. Failures surface as {@link Route53Failure}.
 */
@ApplicationScoped
public class RecordSets {
    /** Route 53's limit on a change batch comment. */
    private static final int MAX_COMMENT = 256;

    private final Route53Client client;

    public RecordSets(Route53Client client) {
        this.client = client;
    }

    /** The record set {@code name}/{@code type} of the zone as Route 53 lists it now, if there is one. */
    public Optional<RecordSnapshot> read(String zoneId, String name, String type) {
        String wanted = DnsNames.normalize(name);
        return Route53Failure.translate(() -> client.listResourceRecordSets(b -> b.hostedZoneId(zoneId)
                        .startRecordName(wanted).startRecordType(type).maxItems("1")))
                .resourceRecordSets().stream()
                .filter(rs -> DnsNames.normalize(rs.name()).equals(wanted) && rs.typeAsString().equals(type))
                .findFirst()
                .map(RecordSnapshot::new);
    }

    /** Writes {@code records} (UPSERT) in one batch. */
    public SubmittedChange upsert(String zoneId, List<RecordSpec> records, String comment) {
        return submit(zoneId, records.stream().map(r -> change(ChangeAction.UPSERT, r.toRecordSet())).toList(), comment);
    }

    /** Undoes applied records in one batch: originals are written back, records that did not exist are deleted. */
    public SubmittedChange restore(String zoneId, List<Restoration> restorations, String comment) {
        return submit(zoneId, restorations.stream()
                .map(r -> r.original()
                        .map(original -> change(ChangeAction.UPSERT, original.recordSet()))
                        .orElseGet(() -> change(ChangeAction.DELETE, r.applied().toRecordSet())))
                .toList(), comment);
    }

    /** {@code true} once the change has reached every Route 53 authoritative server (GetChange INSYNC). */
    public boolean insync(String changeId) {
        ChangeInfo info = Route53Failure.translate(() -> client.getChange(b -> b.id(changeId))).changeInfo();
        return info.status() == ChangeStatus.INSYNC;
    }

    private SubmittedChange submit(String zoneId, List<Change> changes, String comment) {
        long submittedAt = System.nanoTime();
        String trimmed = comment.length() > MAX_COMMENT ? comment.substring(0, MAX_COMMENT) : comment;
        ChangeInfo info = Route53Failure.translate(() -> client.changeResourceRecordSets(b -> b.hostedZoneId(zoneId)
                .changeBatch(batch -> batch.comment(trimmed).changes(changes)))).changeInfo();
        return new SubmittedChange(DnsNames.bareId(info.id()), submittedAt);
    }

    private static Change change(ChangeAction action, ResourceRecordSet recordSet) {
        return Change.builder().action(action).resourceRecordSet(recordSet).build();
    }
}
