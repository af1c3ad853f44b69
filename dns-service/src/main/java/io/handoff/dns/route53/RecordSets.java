package io.handoff.dns.route53;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;

/**
 * Reads and changes record sets of hosted zones. Every change is one ChangeResourceRecordSets batch,
 * which Route 53 applies all or nothing. Failures surface as {@link Route53Failure}. Each call is bounded
 * by the {@link CallDeadline} in force.
 */
@ApplicationScoped
public class RecordSets {
    /** Route 53's limit on a change batch comment. */
    private static final int MAX_COMMENT = 256;

    private final Route53Client client;

    public RecordSets(Route53Client client) {
        this.client = client;
    }

    /**
     * The record set {@code name}/{@code type} (with {@code setIdentifier} when weighted, else {@code null}) of
     * the zone as Route 53 lists it now, if there is one. Reads one page from the name and type on: the
     * weighted sets of one name and type must number at most 100.
     */
    public Optional<RecordSnapshot> read(String zoneId, String name, String type, String setIdentifier) {
        String wanted = DnsNames.normalize(name);
        return Route53Failure.translate(() -> client.listResourceRecordSets(b -> b.hostedZoneId(zoneId)
                        .startRecordName(wanted).startRecordType(type).maxItems(setIdentifier == null ? "1" : "100")
                        .overrideConfiguration(CallDeadline::apply)))
                .resourceRecordSets().stream()
                .filter(rs -> DnsNames.normalize(rs.name()).equals(wanted) && rs.typeAsString().equals(type)
                        && Objects.equals(rs.setIdentifier(), setIdentifier))
                .findFirst()
                .map(RecordSnapshot::new);
    }

    /** The record {@code spec} designates (name, type, set identifier), as Route 53 lists it now. */
    public Optional<RecordSnapshot> read(String zoneId, RecordSpec spec) {
        return read(zoneId, spec.name(), spec.type(), spec.setIdentifier());
    }

    /**
     * Writes {@code replacements} in one all-or-nothing batch of DELETE (as read) and CREATE changes.
     *
     * @throws Route53Failure {@link Route53Failure.Kind#INVALID_CHANGE_BATCH} when a record no longer is as read
     */
    public SubmittedChange replace(String zoneId, List<Replacement> replacements, String comment) {
        return submit(zoneId, replacements.stream().flatMap(r -> r.changes().stream()).toList(), comment);
    }

    /** {@code true} once the change has reached every Route 53 authoritative server (GetChange INSYNC). */
    public boolean insync(String changeId) {
        ChangeInfo info = Route53Failure.translate(() -> client.getChange(b -> b.id(changeId)
                .overrideConfiguration(CallDeadline::apply))).changeInfo();
        return info.status() == ChangeStatus.INSYNC;
    }

    private SubmittedChange submit(String zoneId, List<Change> changes, String comment) {
        long submittedAt = System.nanoTime();
        String trimmed = comment.length() > MAX_COMMENT ? comment.substring(0, MAX_COMMENT) : comment;
        ChangeInfo info = Route53Failure.translate(() -> client.changeResourceRecordSets(b -> b.hostedZoneId(zoneId)
                .changeBatch(batch -> batch.comment(trimmed).changes(changes))
                .overrideConfiguration(CallDeadline::apply))).changeInfo();
        return new SubmittedChange(DnsNames.bareId(info.id()), submittedAt);
    }
}
