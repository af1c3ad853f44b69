package io.handoff.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.common.json.Json;
import io.handoff.common.topic.HandoffAcls;
import io.handoff.localstack.LocalStack;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who the demo's services were on Kafka and what the broker let them do, read from the running system: each service's
 * principal as its own readiness check reports it ({@code /q/health/ready}, entry {@code kafka}), and the broker's ACLs
 * as its {@code admin} lists them. For the summary's {@code kafka} section and two checks: every service connected as
 * its own principal, and the broker holds exactly handoff's ACL matrix ({@link HandoffAcls}), so that no service may
 * write a topic it does not own.
 */
final class KafkaPrincipals {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private KafkaPrincipals() {
    }

    /** The summary's {@code kafka} section; with a secured broker, also the two checks. */
    static Map<String, Object> check(LocalStack stack, HandoffServices services, DemoChecks checks) throws InterruptedException {
        Map<String, Object> kafka = new LinkedHashMap<>();
        boolean secured = stack.securedKafka().isPresent();
        kafka.put("secured", secured);
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (HandoffService service : HandoffService.values()) {
            expected.put(service.module(), secured ? service.kafkaPrincipal() : "none");
            seen.put(service.module(), reportedPrincipal(http, services.get(service)));
        }
        kafka.put("principals", seen);
        if (!secured) {
            return kafka;
        }
        checks.equal("every service connected to Kafka as its own principal", expected, seen);
        try (Admin admin = Admin.create(stack.kafkaClientProperties(HandoffAcls.ADMIN))) {
            Set<AclBinding> onBroker = HandoffAcls.describe(admin, TIMEOUT);
            kafka.put("topicsWritable", writable(onBroker));
            Set<AclBinding> missing = new HashSet<>(HandoffAcls.bindings());
            missing.removeAll(onBroker);
            Set<AclBinding> beyond = new HashSet<>(onBroker);
            HandoffAcls.bindings().forEach(beyond::remove);
            kafka.put("aclBindings", onBroker.size());
            checks.equal("the broker's ACLs are handoff's matrix: no service writes a topic it does not own",
                    "none missing, none beyond", missing.isEmpty() && beyond.isEmpty() ? "none missing, none beyond"
                            : "missing " + missing + ", beyond " + beyond);
        }
        return kafka;
    }

    /** The principal {@code service}'s readiness check names, or why it could not be read. */
    private static String reportedPrincipal(HttpClient http, ServiceProcess service) throws InterruptedException {
        try {
            String body = http.send(HttpRequest.newBuilder(service.uri().resolve("/q/health/ready")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode check : Json.mapper().readTree(body).path("checks")) {
                if ("kafka".equals(check.path("name").asText())) {
                    return check.path("data").path("principal").asText("(not reported)");
                }
            }
            return "(no kafka entry in /q/health/ready)";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Each principal's topics (names, or prefixes ending in {@code *}) the broker lets it write. */
    private static Map<String, List<String>> writable(Set<AclBinding> onBroker) {
        Map<String, Set<String>> topics = new TreeMap<>();
        for (AclBinding acl : onBroker) {
            if (acl.pattern().resourceType() == ResourceType.TOPIC && acl.entry().operation() == AclOperation.WRITE) {
                String name = acl.pattern().name() + (acl.pattern().patternType() == PatternType.PREFIXED ? "*" : "");
                topics.computeIfAbsent(acl.entry().principal(), principal -> new TreeSet<>()).add(name);
            }
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        topics.forEach((principal, names) -> lists.put(principal, List.copyOf(names)));
        return lists;
    }
}
