package io.handoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.topic.TopicProvisioner;
import io.handoff.common.topic.Topics;
import io.handoff.localstack.FreePorts;
import io.handoff.localstack.testing.ScratchKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 22: {@code handoff topics} against a real KRaft broker of its own, step by step as an operator meets it:
 * nothing there, a handoff.plans created with 7 days by someone else, create mode, {@code --check}, {@code --fix}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicsCommandIT {
    private static final String UNSAFE = "handoff.plans: retention.ms=604800000, must be -1";
    private static ScratchKafka kafka;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeAll
    static void startBroker() {
        kafka = ScratchKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void checkOnAnEmptyBrokerPrintsEveryMissingTopicAndExitsOne() {
        assertThat(topics("--check")).isEqualTo(1);
        assertThat(out.toString().lines()).containsExactlyElementsOf(Topics.all().stream().map(t -> t + ": missing").toList());
        assertThat(err.toString()).contains("8 topic setting(s) missing or unsafe").contains("handoff topics --fix");
    }

    @Test
    @Order(2)
    void createModeCreatesTheMissingTopicsAndReportsTheUnsafePlanLogWithoutChangingIt() throws Exception {
        try (Admin admin = TopicProvisioner.admin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                Duration.ofSeconds(30))) {
            admin.createTopics(List.of(new NewTopic(Topics.PLANS, 3, (short) 1).configs(Map.of("retention.ms", "604800000"))))
                    .all().get(30, TimeUnit.SECONDS);
        }

        assertThat(topics()).isEqualTo(1);

        assertThat(out.toString()).contains("created handoff.commands.cutover").contains("created handoff.step-events")
                .doesNotContain("created handoff.plans").contains(UNSAFE);
        assertThat(err.toString()).contains("1 topic setting(s) missing or unsafe; `handoff topics --fix` fixes them");
    }

    @Test
    @Order(3)
    void checkPrintsEachUnsafeSettingByTopicAndExitsOne() {
        assertThat(topics("--check")).isEqualTo(1);
        assertThat(out.toString().lines()).containsExactly(UNSAFE);
    }

    @Test
    @Order(4)
    void checkAndFixTogetherAreAUsageError() {
        assertThat(topics("--check", "--fix")).isEqualTo(2);
        assertThat(err.toString()).contains("--check and --fix exclude each other");
    }

    @Test
    @Order(5)
    void fixSetsTheUnsafeSettingAndCheckThenPasses() {
        assertThat(topics("--fix")).isEqualTo(0);
        assertThat(out.toString()).contains("fixed " + UNSAFE).contains("all 8 topics have the required settings");

        out = new StringWriter();
        assertThat(topics("--check")).isEqualTo(0);
        assertThat(out.toString().lines()).containsExactly("all 8 topics have the required settings (replication factor 1)");
    }

    @Test
    @Order(6)
    void aReplicationFactorTheBrokerCannotHaveIsReportedNotFixed() {
        assertThat(topics("--check", "--replication-factor", "3")).isEqualTo(1);
        assertThat(out.toString()).contains(
                "handoff.plans: replication factor=1, must be at least 3 (a partition reassignment, not --fix)");
        assertThat(err.toString()).contains("kafka-reassign-partitions");
    }

    @Test
    @Order(7)
    void anUnreachableKafkaExitsThree() {
        int status = HandoffCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "topics", "--check",
                "--bootstrap-servers", "127.0.0.1:" + FreePorts.orFree(0), "--timeout-seconds", "2");
        assertThat(status).isEqualTo(3);
        assertThat(err.toString()).contains("handoff: Kafka at 127.0.0.1:");
    }

    private int topics(String... options) {
        out = new StringWriter();
        err = new StringWriter();
        String[] args = new String[options.length + 3];
        args[0] = "topics";
        args[1] = "--bootstrap-servers";
        args[2] = kafka.bootstrapServers();
        System.arraycopy(options, 0, args, 3, options.length);
        return HandoffCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
