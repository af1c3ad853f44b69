package io.handoff.common.step;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * The facts of the steps dns-service runs on Route 53. Every one of them changes records the same way (all or nothing
 * per zone, INSYNC awaited, read back, DNS answers checked) and reports it as {@link Switched}; LOWER_TTL adds the TTLs
 * it lowered from.
 */
public final class DnsFacts {

    private DnsFacts() {
    }

    /**
     * Facts of a DNS step: the change of records it reports, whichever step made it, so that what every DNS step
     * reports the same way (the SDK retries of a failed one, for instance) is read and amended in one place.
     */
    public interface Switching {
        /** What the step did to the records; null when it failed before reading them. */
        Switched switched();
    }

    /**
     * What a change of an application's records did. The shape is the same whether the step changed something, found
     * everything in place, or failed part-way; a step that failed before it read the records reports at most its
     * {@code sdkRetries}.
     *
     * @param application the application whose records changed
     * @param zones       per hosted zone: its change and how long Route 53 took to report it INSYNC
     * @param oldValues   record ({@code name [setIdentifier]}) to the value it held before (the value, values joined by
     *                    commas, or {@code ALIAS <target>}); an entry whose value is null (kept in the JSON) for a
     *                    record that did not exist
     * @param newValues   record to the value it holds now; null (kept) for a record deleted
     * @param records     per record what it held before and after: what FLIP_BACK restores
     * @param insyncMs    the longest submission-to-INSYNC time of the zones, ms
     * @param alreadyApplied {@code true} when every record held its new value already
     * @param sdkRetries  Route 53 calls the SDK retried (throttling, 5xx)
     * @param dnsVerified whether the name servers were asked and answered the new values
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Switched(String application, List<Zone> zones, Map<String, String> oldValues,
            Map<String, String> newValues, List<SwitchedRecord> records, Long insyncMs, Boolean alreadyApplied,
            Long sdkRetries, Boolean dnsVerified) {
    }

    /**
     * One hosted zone's change: the zone as named, its id, Route 53's change id (absent when the zone needed no
     * change), and how long it took from submission to INSYNC, ms (0 when not changed or not seen INSYNC).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Zone(String zone, String zoneId, String changeId, Long insyncMs) {
    }

    /**
     * One record a switch changed: what it held {@code before} and {@code after} (null, kept in the JSON: the record
     * did not or does not exist); what FLIP_BACK restores from. {@code setIdentifier} names a weighted record.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SwitchedRecord(String zone, String zoneId, String name, String type, String setIdentifier,
            @JsonInclude(JsonInclude.Include.ALWAYS) Content before, @JsonInclude(JsonInclude.Include.ALWAYS) Content after) {
    }

    /**
     * A record's content: its values and TTL, or its alias target (no TTL then); the weight of a weighted record. In a
     * {@code before}, the TTL (and the weight) is absent when unknown: the switch found the record already switched and
     * took its old value from the command.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Content(Long weight, Long ttl, List<String> values, StepParameters.Alias alias) {
    }

    /** SWITCH_DNS: the application's records now point at the new master. */
    public record SwitchDns(@JsonUnwrapped Switched switched) implements StepFacts, Switching {
    }

    /** FLIP_BACK: the records a SWITCH_DNS changed hold again what they held before it. */
    public record FlipBack(@JsonUnwrapped Switched switched) implements StepFacts, Switching {
    }

    /**
     * LOWER_TTL: the records' TTLs lowered; {@code oldTtls}, each record with the TTL it had (RESTORE_TTL's records), also
     * when the change failed.
     */
    public record LowerTtl(@JsonUnwrapped Switched switched, List<StepParameters.NamedRecord> oldTtls)
            implements StepFacts, Switching {
    }

    /** RESTORE_TTL: the records' TTLs are back at what LOWER_TTL found. */
    public record RestoreTtl(@JsonUnwrapped Switched switched) implements StepFacts, Switching {
    }
}
