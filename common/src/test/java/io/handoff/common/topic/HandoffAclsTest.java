package io.handoff.common.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** Issue 22: the ACL matrix, spelled out here a second time so that a change to HandoffAcls has to be meant. */
class HandoffAclsTest {

    @Test
    void onlyThePlannerWritesCommandTopicsButCutoverAlsoSendsTheDnsFollowUp() {
        assertThat(principals(ResourceType.TOPIC, AclOperation.WRITE)).isEqualTo(Map.of(
                Topics.PLANS, Set.of("User:planner"),
                Topics.COMMANDS_CUTOVER, Set.of("User:planner"),
                Topics.COMMANDS_DNS, Set.of("User:planner", "User:cutover"),
                Topics.COMMANDS_MONITOR, Set.of("User:planner"),
                Topics.STEP_EVENTS, Set.of("User:cutover", "User:dns", "User:monitor"),
                Topics.REPLICATION_LAG, Set.of("User:monitor"),
                Topics.REPLICATION_DRIFT, Set.of("User:monitor"),
                Topics.APPLICATIONS, Set.of("User:planner", "User:cutover")));
    }

    @Test
    void eachExecutorReadsOnlyItsOwnCommandTopicAndTheStepEvents() {
        assertThat(principals(ResourceType.TOPIC, AclOperation.READ)).isEqualTo(Map.of(
                Topics.PLANS, Set.of("User:planner", "User:client"),
                Topics.COMMANDS_CUTOVER, Set.of("User:cutover"),
                Topics.COMMANDS_DNS, Set.of("User:dns"),
                Topics.COMMANDS_MONITOR, Set.of("User:monitor"),
                Topics.STEP_EVENTS, Set.of("User:planner", "User:cutover", "User:dns", "User:monitor"),
                Topics.REPLICATION_LAG, Set.of("User:planner", "User:client"),
                Topics.REPLICATION_DRIFT, Set.of("User:planner", "User:client"),
                Topics.APPLICATIONS, Set.of("User:planner", "User:client")));
    }

    @Test
    void everyPrincipalReadsOnlyItsOwnConsumerGroups() {
        assertThat(HandoffAcls.bindings()).filteredOn(acl -> acl.pattern().resourceType() == ResourceType.GROUP)
                .extracting(acl -> acl.entry().principal() + " " + acl.entry().operation() + " "
                        + acl.pattern().patternType() + " " + acl.pattern().name())
                .containsExactlyInAnyOrder(
                        "User:planner READ LITERAL planner-service",
                        "User:planner READ LITERAL planner-service-lag",
                        "User:cutover READ LITERAL cutover-service",
                        "User:dns READ LITERAL dns-service",
                        "User:monitor READ LITERAL replication-monitor",
                        "User:monitor READ PREFIXED handoff-monitor-",
                        "User:client READ PREFIXED handoff-client");
    }

    @Test
    void theClientOnlyReads() {
        assertThat(HandoffAcls.bindings()).filteredOn(acl -> acl.entry().principal().equals("User:client"))
                .extracting(acl -> acl.entry().operation()).containsOnly(AclOperation.READ);
    }

    @Test
    void onlyThePlannerHasATransactionalIdAndEveryServiceButNoClientDescribesTopicConfigs() {
        assertThat(HandoffAcls.bindings()).filteredOn(acl -> acl.pattern().resourceType() == ResourceType.TRANSACTIONAL_ID)
                .extracting(acl -> acl.entry().principal() + " " + acl.entry().operation() + " " + acl.pattern().name())
                .containsExactly("User:planner WRITE handoff-planner");
        assertThat(principals(ResourceType.TOPIC, AclOperation.DESCRIBE_CONFIGS).values())
                .hasSize(Topics.all().size())
                .containsOnly(Set.of("User:planner", "User:cutover", "User:dns", "User:monitor"));
    }

    @Test
    void bindingsAllowOnlyNamedResourcesOfComponentsFromAnyHost() {
        assertThat(HandoffAcls.bindings()).doesNotHaveDuplicates().allSatisfy(acl -> {
            assertThat(acl.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
            assertThat(acl.entry().host()).isEqualTo("*");
            assertThat(acl.pattern().name()).isNotEqualTo("*");
            assertThat(acl.entry().principal()).isIn(HandoffAcls.components().stream().map(HandoffAcls::principal).toList());
            if (acl.pattern().resourceType() != ResourceType.GROUP
                    && !acl.pattern().name().equals(HandoffAcls.MONITOR_ENGINE_TOPIC_PREFIX)) {
                assertThat(acl.pattern().patternType()).isEqualTo(PatternType.LITERAL);
            }
        });
        assertThat(HandoffAcls.bindings()).noneMatch(acl -> acl.entry().principal().equals("User:admin"));
        assertThat(HandoffAcls.bindings()).noneMatch(acl -> acl.pattern().resourceType() == ResourceType.CLUSTER);
        assertThat(HandoffAcls.principals()).containsExactly("planner", "cutover", "dns", "monitor", "client", "admin");
    }

    @Test
    void onlyTheMonitorCreatesTopicsAndOnlyItsDebeziumEnginesOwn() {
        assertThat(HandoffAcls.bindings()).filteredOn(acl -> acl.pattern().patternType() == PatternType.PREFIXED
                        && acl.pattern().resourceType() == ResourceType.TOPIC)
                .extracting(acl -> acl.entry().principal() + " " + acl.entry().operation() + " " + acl.pattern().name())
                .containsExactlyInAnyOrder(
                        "User:monitor CREATE handoff.monitor.",
                        "User:monitor READ handoff.monitor.",
                        "User:monitor WRITE handoff.monitor.",
                        "User:monitor DESCRIBE_CONFIGS handoff.monitor.");
        assertThat(Topics.all()).noneMatch(topic -> topic.startsWith(HandoffAcls.MONITOR_ENGINE_TOPIC_PREFIX));
        assertThat(HandoffAcls.bindings()).filteredOn(acl -> acl.entry().operation() == AclOperation.CREATE)
                .allMatch(acl -> acl.pattern().name().equals(HandoffAcls.MONITOR_ENGINE_TOPIC_PREFIX));
    }

    /** Literal topic to the principals allowed {@code operation} on it. */
    private static Map<String, Set<String>> principals(ResourceType type, AclOperation operation) {
        Map<String, Set<String>> byResource = new TreeMap<>();
        for (AclBinding acl : HandoffAcls.bindings()) {
            if (acl.pattern().resourceType() == type && acl.entry().operation() == operation
                    && acl.pattern().patternType() == PatternType.LITERAL) {
                byResource.computeIfAbsent(acl.pattern().name(), k -> new TreeSet<>()).add(acl.entry().principal());
            }
        }
        return byResource;
    }
}
