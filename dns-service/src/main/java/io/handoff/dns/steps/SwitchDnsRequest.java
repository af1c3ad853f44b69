package io.handoff.dns.steps;

import io.handoff.common.event.StepParams;
import io.handoff.dns.route53.DnsNames;
import io.handoff.dns.route53.HostedZones;
import io.handoff.dns.route53.RecordSpec;
import io.handoff.kit.steps.StepFailedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The validated params of a SWITCH_DNS command ({@link StepParams}): the application and its records.
 * Validation happens before anything is read or written, so a refused command changed nothing.
 *
 * @param application the application whose records switch
 * @param records     the records, in command order; never empty, no record name twice
 */
record SwitchDnsRequest(String application, List<RecordTarget> records) {
    private static final Set<String> TYPES = Set.of("CNAME", "A");
    private static final long MAX_TTL = Integer.MAX_VALUE;

    /**
     * Reads and checks {@code params}.
     *
     * @throws StepFailedException terminal, naming the first offending field, when a value is missing or wrong
     */
    static SwitchDnsRequest from(Map<String, Object> params) throws StepFailedException {
        String application = text(params, StepParams.APPLICATION, null);
        if (!(params.get(StepParams.RECORDS) instanceof List<?> entries) || entries.isEmpty()) {
            throw invalid(StepParams.RECORDS, "must be a non-empty list of records");
        }
        List<RecordTarget> records = new ArrayList<>();
        Map<String, Integer> indexByName = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = StepParams.RECORDS + "[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw invalid(path, "must be a record {zone, name, type, ttl, value, previousValue}");
            }
            RecordTarget record = record(entry, path);
            Integer earlier = indexByName.putIfAbsent(record.spec().name(), i);
            if (earlier != null) {
                throw invalid(path + "." + StepParams.RECORD_NAME, "repeats records[" + earlier + "] ("
                        + record.spec().name() + "): the facts report values by record name");
            }
            records.add(record);
        }
        return new SwitchDnsRequest(application, List.copyOf(records));
    }

    private static RecordTarget record(Map<?, ?> entry, String path) throws StepFailedException {
        String zone = text(entry, StepParams.RECORD_ZONE, path);
        String name = text(entry, StepParams.RECORD_NAME, path);
        if (!HostedZones.isZoneId(zone) && !DnsNames.isInZone(name, zone)) {
            throw invalid(path + "." + StepParams.RECORD_NAME, "'" + name + "' is not in zone " + zone);
        }
        String type = text(entry, StepParams.RECORD_TYPE, path).toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw invalid(path + "." + StepParams.RECORD_TYPE, "must be CNAME or A (was " + type + ")");
        }
        long ttl = ttl(entry.get(StepParams.RECORD_TTL), path + "." + StepParams.RECORD_TTL);
        String value = text(entry, StepParams.RECORD_VALUE, path);
        Object previous = entry.get(StepParams.RECORD_PREVIOUS_VALUE);
        if (previous != null && !(previous instanceof String)) {
            throw invalid(path + "." + StepParams.RECORD_PREVIOUS_VALUE, "must be text when given");
        }
        return new RecordTarget(zone, new RecordSpec(name, type, ttl, value), (String) previous);
    }

    private static long ttl(Object value, String path) throws StepFailedException {
        // Canonical JSON gives Integer or Long for whole numbers in range; anything else is refused.
        boolean whole = value instanceof Integer || value instanceof Long;
        if (!whole || ((Number) value).longValue() < 0 || ((Number) value).longValue() > MAX_TTL) {
            throw invalid(path, "must be a whole number of seconds from 0 to " + MAX_TTL + " (was " + value + ")");
        }
        return ((Number) value).longValue();
    }

    /** The non-blank text {@code field} of {@code map}; {@code path} names the map in errors ({@code null} at top level). */
    private static String text(Map<?, ?> map, String field, String path) throws StepFailedException {
        if (!(map.get(field) instanceof String text) || text.isBlank()) {
            throw invalid(path == null ? field : path + "." + field, "is missing or not a non-blank text");
        }
        return text.trim();
    }

    private static StepFailedException invalid(String field, String problem) {
        return StepFailedException.terminal("SWITCH_DNS params: " + field + " " + problem, "nothing was changed");
    }
}
