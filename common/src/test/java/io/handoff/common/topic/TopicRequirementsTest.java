package io.handoff.common.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Issue 22: the pure comparison of what the broker holds with what handoff's topics need. */
class TopicRequirementsTest {
    private static final String SEVEN_DAYS = "604800000";

    @Test
    void everyTopicHasOneSpecInTopicsOrder() {
        assertThat(TopicRequirements.local().specs()).extracting(TopicSpec::name).isEqualTo(Topics.all());
    }

    @Test
    void thePlanLogIsKeptForeverAndNeverCompacted() {
        Map<String, String> configs = TopicRequirements.local().spec(Topics.PLANS).createConfigs();
        assertThat(configs).containsEntry("retention.ms", "-1").containsEntry("retention.bytes", "-1")
                .containsEntry("cleanup.policy", "delete").containsEntry("unclean.leader.election.enable", "false");
    }

    @Test
    void commandsAndStepEventsAreCreatedWithThirtyDaysAndLagWithSeven() {
        TopicRequirements requirements = TopicRequirements.local();
        assertThat(requirements.spec(Topics.COMMANDS_CUTOVER).createConfigs()).containsEntry("retention.ms", "2592000000");
        assertThat(requirements.spec(Topics.STEP_EVENTS).createConfigs()).containsEntry("retention.ms", "2592000000");
        assertThat(requirements.spec(Topics.REPLICATION_LAG).createConfigs()).containsEntry("retention.ms", SEVEN_DAYS);
    }

    @Test
    void topicsCreatedAsSpecifiedAreSafe() {
        for (int replicas : List.of(1, 2, 3)) {
            TopicRequirements requirements = TopicRequirements.of(3, replicas);
            assertThat(requirements.compare(created(requirements))).as("replication factor " + replicas).isEmpty();
        }
    }

    @Test
    void aPlanLogWithTheBrokersDefaultRetentionIsReportedByTopicAndSetting() {
        TopicRequirements requirements = TopicRequirements.local();
        Map<String, TopicState> existing = created(requirements);
        existing.put(Topics.PLANS, withConfig(existing.get(Topics.PLANS), "retention.ms", SEVEN_DAYS));

        List<UnsafeSetting> unsafe = requirements.compare(existing);

        assertThat(unsafe).singleElement().satisfies(setting -> {
            assertThat(setting.toString()).isEqualTo("handoff.plans: retention.ms=604800000, must be -1");
            assertThat(setting.fixable()).isTrue();
        });
    }

    @Test
    void aCompactedPlanLogIsUnsafe() {
        TopicRequirements requirements = TopicRequirements.local();
        Map<String, TopicState> existing = created(requirements);
        existing.put(Topics.PLANS, withConfig(existing.get(Topics.PLANS), "cleanup.policy", "compact"));

        assertThat(requirements.compare(existing)).extracting(UnsafeSetting::toString)
                .containsExactly("handoff.plans: cleanup.policy=compact, must be delete");
    }

    @Test
    void aMissingTopicIsReportedMissing() {
        TopicRequirements requirements = TopicRequirements.local();
        Map<String, TopicState> existing = created(requirements);
        existing.remove(Topics.COMMANDS_DNS);

        assertThat(requirements.compare(existing)).extracting(UnsafeSetting::toString)
                .containsExactly("handoff.commands.dns: missing");
        assertThat(requirements.compare(Map.of())).hasSize(Topics.all().size())
                .allSatisfy(setting -> assertThat(setting.setting()).isEqualTo(UnsafeSetting.MISSING));
    }

    @Test
    void commandRetentionMustBeAtLeastSevenDaysOrUnlimited() {
        TopicRequirements requirements = TopicRequirements.local();
        Map<String, TopicState> existing = created(requirements);
        existing.put(Topics.COMMANDS_CUTOVER, withConfig(existing.get(Topics.COMMANDS_CUTOVER), "retention.ms", "3600000"));
        existing.put(Topics.STEP_EVENTS, withConfig(existing.get(Topics.STEP_EVENTS), "retention.ms", "-1"));
        existing.put(Topics.REPLICATION_LAG, withConfig(existing.get(Topics.REPLICATION_LAG), "retention.ms", SEVEN_DAYS));

        assertThat(requirements.compare(existing)).extracting(UnsafeSetting::toString)
                .containsExactly("handoff.commands.cutover: retention.ms=3600000, must be at least 604800000 or -1");
    }

    @Test
    void aSizeCapOrUncleanElectionIsUnsafe() {
        TopicRequirements requirements = TopicRequirements.local();
        Map<String, TopicState> existing = created(requirements);
        existing.put(Topics.STEP_EVENTS, withConfig(withConfig(existing.get(Topics.STEP_EVENTS), "retention.bytes",
                "1073741824"), "unclean.leader.election.enable", "true"));

        assertThat(requirements.compare(existing)).extracting(UnsafeSetting::toString).containsExactly(
                "handoff.step-events: retention.bytes=1073741824, must be -1",
                "handoff.step-events: unclean.leader.election.enable=true, must be false");
    }

    @Test
    void tooFewReplicasAreReportedAndNotFixableNorIsTheirMinInSyncReplicas() {
        TopicRequirements production = TopicRequirements.of(3, 3);
        Map<String, TopicState> existing = created(TopicRequirements.local());

        List<UnsafeSetting> plans = production.compare(existing).stream()
                .filter(setting -> setting.topic().equals(Topics.PLANS)).toList();

        assertThat(plans).extracting(UnsafeSetting::toString).containsExactly(
                "handoff.plans: replication factor=1, must be at least 3 (a partition reassignment, not --fix)",
                "handoff.plans: min.insync.replicas=1, must be at least 2");
        assertThat(plans).extracting(UnsafeSetting::fixable).containsExactly(false, false);
    }

    @Test
    void threeReplicasNeedTwoInSync() {
        assertThat(TopicRequirements.of(3, 3).spec(Topics.PLANS).createConfigs()).containsEntry("min.insync.replicas", "2");
        assertThat(TopicRequirements.of(3, 2).spec(Topics.PLANS).createConfigs()).containsEntry("min.insync.replicas", "1");
    }

    @Test
    void anUnreadableNumberIsUnsafe() {
        assertThat(new ConfigRule.AtLeast("retention.ms", 10, "10", true).violation(null)).isPresent();
        assertThat(new ConfigRule.AtLeast("retention.ms", 10, "10", true).violation("ten")).isPresent();
        assertThat(new ConfigRule.AtLeast("retention.ms", 10, "10", false).violation("-1")).isPresent();
        assertThat(new ConfigRule.AtLeast("retention.ms", 10, "10", true).violation("-1")).isEmpty();
    }

    @Test
    void nonsenseLayoutsAreRefused() {
        assertThatThrownBy(() -> TopicRequirements.of(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicRequirements.of(3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicRequirements.local().spec("other")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every topic as the broker would describe it after creating it from {@code requirements} (plus a broker default). */
    private static Map<String, TopicState> created(TopicRequirements requirements) {
        return requirements.specs().stream().collect(Collectors.toMap(TopicSpec::name, spec -> {
            Map<String, String> configs = new HashMap<>(spec.createConfigs());
            configs.put("segment.bytes", "1073741824");
            return new TopicState(spec.name(), spec.partitions(), spec.replicationFactor(), configs);
        }, (a, b) -> a, HashMap::new));
    }

    private static TopicState withConfig(TopicState state, String config, String value) {
        Map<String, String> configs = new HashMap<>(state.configs());
        configs.put(config, value);
        return new TopicState(state.name(), state.partitions(), state.replicationFactor(), configs);
    }
}
