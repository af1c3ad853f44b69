package io.handoff.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.topic.TopicProvisioner;
import io.handoff.common.topic.TopicRequirements;
import io.handoff.common.topic.TopicSpec;
import io.handoff.common.topic.Topics;
import io.handoff.common.topic.UnsafeSetting;
import io.handoff.localstack.testing.ScratchKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: handoff's topics against a real KRaft broker of their own (a fresh one per test, since the topic names
 * are fixed): created with the required settings, read back with describeConfigs; an unsafe handoff.plans is named
 * and fixed only when asked.
 */
class TopicProvisionerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ScratchKafka kafka;
    private Admin admin;
    private TopicProvisioner provisioner;

    @BeforeEach
    void freshBroker() {
        kafka = ScratchKafka.start();
        admin = TopicProvisioner.admin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), TIMEOUT);
        provisioner = new TopicProvisioner(admin, TIMEOUT);
    }

    @AfterEach
    void stopBroker() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void missingTopicsAreCreatedWithTheRequiredSettings() throws Exception {
        TopicRequirements requirements = TopicRequirements.of(4, 1);
        assertThat(provisioner.check(requirements)).extracting(UnsafeSetting::setting)
                .hasSize(Topics.all().size()).containsOnly(UnsafeSetting.MISSING);

        TopicProvisioner.Outcome outcome = provisioner.provision(requirements, false);

        assertThat(outcome.created()).containsExactlyInAnyOrderElementsOf(Topics.all());
        assertThat(outcome.unsafe()).isEmpty();
        Map<String, TopicDescription> descriptions = admin.describeTopics(Topics.all()).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(Topics.all().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get(30, TimeUnit.SECONDS);
        for (TopicSpec spec : requirements.specs()) {
            assertThat(descriptions.get(spec.name()).partitions()).as(spec.name()).hasSize(4);
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            spec.createConfigs().forEach((name, value) ->
                    assertThat(config.get(name).value()).as(spec.name() + " " + name).isEqualTo(value));
        }
        Config plans = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.PLANS));
        assertThat(plans.get("retention.ms").value()).isEqualTo("-1");
        assertThat(plans.get("retention.bytes").value()).isEqualTo("-1");
        assertThat(plans.get("cleanup.policy").value()).isEqualTo("delete");

        assertThat(provisioner.provision(requirements, false).created()).as("run again: nothing to do").isEmpty();
    }

    @Test
    void aPlanLogWithSevenDaysRetentionIsReportedByNameAndFixedOnlyWhenAsked() throws Exception {
        admin.createTopics(List.of(new NewTopic(Topics.PLANS, 3, (short) 1).configs(Map.of("retention.ms", "604800000"))))
                .all().get(30, TimeUnit.SECONDS);
        TopicRequirements requirements = TopicRequirements.local();

        TopicProvisioner.Outcome created = provisioner.provision(requirements, false);

        assertThat(created.created()).hasSize(Topics.all().size() - 1).doesNotContain(Topics.PLANS);
        assertThat(created.unsafe()).extracting(UnsafeSetting::toString)
                .containsExactly("handoff.plans: retention.ms=604800000, must be -1");
        assertThat(provisioner.check(requirements)).extracting(UnsafeSetting::toString)
                .containsExactly("handoff.plans: retention.ms=604800000, must be -1");

        TopicProvisioner.Outcome fixed = provisioner.provision(requirements, true);

        assertThat(fixed.fixed()).extracting(UnsafeSetting::toString)
                .containsExactly("handoff.plans: retention.ms=604800000, must be -1");
        assertThat(fixed.unsafe()).isEmpty();
        assertThat(provisioner.check(requirements)).isEmpty();
        Config plans = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.PLANS)))
                .all().get(30, TimeUnit.SECONDS).values().iterator().next();
        assertThat(plans.get("retention.ms").value()).isEqualTo("-1");
    }

    @Test
    void aReplicationFactorAboveTheBrokersIsReportedNotFixed() {
        provisioner.provision(TopicRequirements.local(), false);

        TopicProvisioner.Outcome outcome = provisioner.provision(TopicRequirements.of(3, 3), true);

        assertThat(outcome.unsafe()).filteredOn(setting -> setting.topic().equals(Topics.PLANS))
                .extracting(UnsafeSetting::toString).containsExactly(
                        "handoff.plans: replication factor=1, must be at least 3 (a partition reassignment, not --fix)",
                        "handoff.plans: min.insync.replicas=1, must be at least 2");
        assertThat(outcome.fixed()).isEmpty();
    }
}
