package io.handoff.dns.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.dns.route53.Route53Fixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A test application whose database name lives in two hosted zones with unique names: a CNAME in
 * zone A and an A record in zone B, both pointing at the old master until switched.
 */
record TwoZoneApplication(String name, String zoneA, String zoneB, String cnameName, String aName) {
    static final String OLD_CNAME = "onprem-db1.dc.example.";
    static final String NEW_CNAME = "aurora-main.cluster-abc.us-east-1.rds.amazonaws.com.";
    static final String OLD_A = "10.0.0.1";
    static final String NEW_A = "10.0.1.1";
    static final long OLD_TTL = 300;
    static final long NEW_TTL = 5;

    /** Creates zone A with the CNAME and, when {@code withZoneB}, zone B with the A record. */
    static TwoZoneApplication create(Route53Fixture route53, boolean withZoneB) {
        String id = "t" + UUID.randomUUID().toString().substring(0, 8);
        TwoZoneApplication app = new TwoZoneApplication("app-" + id, id + "-a.test.", id + "-b.test.",
                "db." + id + "-a.test.", "db." + id + "-b.test.");
        route53.put(route53.createZone(app.zoneA()), app.cnameName(), "CNAME", OLD_TTL, OLD_CNAME);
        if (withZoneB) {
            route53.put(route53.createZone(app.zoneB()), app.aName(), "A", OLD_TTL, OLD_A);
        }
        return app;
    }

    /** The switch of both records to the new master. */
    StepCommand command() {
        return command(List.of(cnameRecord(), record(zoneB, aName, "A", NEW_A, OLD_A)), Duration.ofSeconds(30));
    }

    /** A SWITCH_DNS command of this application with the given records, under a fresh plan id. */
    StepCommand command(List<Map<String, Object>> records, Duration deadlineIn) {
        Map<String, Object> params = Map.of(StepParams.APPLICATION, name, StepParams.RECORDS, records);
        return StepCommand.issue("plan-" + UUID.randomUUID(), "switch-dns-" + name, StepType.SWITCH_DNS, params, 1,
                Instant.now().plus(deadlineIn), 0, Clock.systemUTC());
    }

    /** A command of {@code type} for this application with {@code params}, under a fresh plan id. */
    StepCommand command(StepType type, Map<String, Object> params) {
        return StepCommand.issue("plan-" + UUID.randomUUID(), type.name().toLowerCase() + "-" + name, type, params, 1,
                Instant.now().plusSeconds(30), 0, Clock.systemUTC());
    }

    /** The FLIP_BACK of the switch that reported {@code switchFacts}. */
    StepCommand flipBack(Map<String, Object> switchFacts) {
        return command(StepType.FLIP_BACK, Map.of(StepParams.APPLICATION, name, DnsParams.SWITCH_FACTS, switchFacts));
    }

    Map<String, Object> cnameRecord() {
        return record(zoneA, cnameName, "CNAME", NEW_CNAME, OLD_CNAME);
    }

    static Map<String, Object> record(String zone, String name, String type, String value, String previousValue) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(StepParams.RECORD_ZONE, zone);
        record.put(StepParams.RECORD_NAME, name);
        record.put(StepParams.RECORD_TYPE, type);
        record.put(StepParams.RECORD_TTL, NEW_TTL);
        record.put(StepParams.RECORD_VALUE, value);
        record.put(StepParams.RECORD_PREVIOUS_VALUE, previousValue);
        return record;
    }
}
