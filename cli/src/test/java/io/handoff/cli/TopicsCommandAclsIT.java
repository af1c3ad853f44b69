package io.handoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.topic.HandoffAcls;
import io.handoff.common.topic.TopicProvisioner;
import io.handoff.common.topic.Topics;
import io.handoff.localstack.testing.ScratchKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 22: {@code handoff topics --acls} against a real secured KRaft broker (SASL_SSL, SCRAM-SHA-512, StandardAuthorizer)
 * as an operator's init job runs it, with the admin principal's client settings in a {@code --command-config} file: the
 * matrix missing, applied, checked, one binding removed by hand and named, a stray grant reported; what the broker holds
 * is read from the broker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicsCommandAclsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final AclBinding CUTOVER_READS_ITS_COMMANDS = new AclBinding(
            new ResourcePattern(ResourceType.TOPIC, Topics.COMMANDS_CUTOVER, PatternType.LITERAL),
            new AccessControlEntry(HandoffAcls.principal(HandoffAcls.CUTOVER), "*", AclOperation.READ, AclPermissionType.ALLOW));
    private static final AclBinding STRAY = new AclBinding(
            new ResourcePattern(ResourceType.TOPIC, Topics.PLANS, PatternType.LITERAL),
            new AccessControlEntry(HandoffAcls.principal(HandoffAcls.DNS), "*", AclOperation.WRITE, AclPermissionType.ALLOW));
    private static ScratchKafka kafka;
    private static Admin admin;
    private static Path adminConfig;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeAll
    static void securedBroker() throws IOException {
        kafka = ScratchKafka.startSecured();
        admin = TopicProvisioner.admin(kafka.broker().adminProperties(), TIMEOUT);
        Properties properties = new Properties();
        kafka.broker().adminProperties().forEach((key, value) -> {
            if (!key.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                properties.setProperty(key, value.toString());
            }
        });
        adminConfig = Files.createTempFile("handoff-admin", ".properties");
        try (Writer writer = Files.newBufferedWriter(adminConfig)) {
            properties.store(writer, "the admin principal's client settings");
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.close();
        }
        if (adminConfig != null) {
            Files.deleteIfExists(adminConfig);
        }
    }

    @Test
    @Order(1)
    void checkOnAFreshBrokerNamesEveryMissingBindingAndChangesNothing() {
        assertThat(topics("--check", "--acls")).isEqualTo(1);

        assertThat(out.toString().lines().filter(line -> line.startsWith("acl missing: ")))
                .hasSize(HandoffAcls.bindings().size())
                .contains("acl missing: User:cutover ALLOW READ TOPIC handoff.commands.cutover");
        assertThat(err.toString()).contains(HandoffAcls.bindings().size() + " ACL binding(s) missing")
                .contains("handoff topics --acls");
        assertThat(HandoffAcls.describe(admin, TIMEOUT)).doesNotContainAnyElementsOf(HandoffAcls.bindings());
    }

    @Test
    @Order(2)
    void theInitJobsRunCreatesTheTopicsAndAppliesTheMatrix() {
        assertThat(topics("--acls")).as(err.toString()).isZero();

        assertThat(out.toString()).contains("created " + Topics.PLANS)
                .contains("applied " + HandoffAcls.bindings().size() + " ACL binding(s) of 5 principals")
                .contains("the broker holds all " + HandoffAcls.bindings().size() + " ACL bindings");
        assertThat(HandoffAcls.describe(admin, TIMEOUT)).containsAll(HandoffAcls.bindings());
        out = new StringWriter();
        assertThat(topics("--check", "--acls")).isZero();
        assertThat(out.toString()).doesNotContain("acl missing");
    }

    @Test
    @Order(3)
    void aBindingRemovedByHandIsNamedAndAStrayGrantIsReportedButKept() throws Exception {
        admin.deleteAcls(List.of(CUTOVER_READS_ITS_COMMANDS.toFilter())).all().get(30, TimeUnit.SECONDS);
        admin.createAcls(List.of(STRAY)).all().get(30, TimeUnit.SECONDS);
        await(() -> !HandoffAcls.describe(admin, TIMEOUT).contains(CUTOVER_READS_ITS_COMMANDS)
                && HandoffAcls.describe(admin, TIMEOUT).contains(STRAY));

        assertThat(topics("--check", "--acls")).isEqualTo(1);
        assertThat(out.toString().lines().filter(line -> line.startsWith("acl ")))
                .containsExactlyInAnyOrder("acl missing: User:cutover ALLOW READ TOPIC handoff.commands.cutover",
                        "acl beyond the matrix: User:dns ALLOW WRITE TOPIC handoff.plans");

        assertThat(topics("--acls")).isZero();
        assertThat(out.toString()).contains("applied 1 ACL binding(s)");
        assertThat(HandoffAcls.describe(admin, TIMEOUT)).contains(CUTOVER_READS_ITS_COMMANDS)
                .as("a grant beyond the matrix is the operator's to remove").contains(STRAY);
    }

    @Test
    @Order(4)
    void aPrincipalThatMayNotAlterAclsIsRefusedClearly() throws IOException {
        Properties properties = new Properties();
        kafka.broker().security().clientProperties(HandoffAcls.PLANNER).forEach(properties::setProperty);
        Path plannerConfig = Files.createTempFile("handoff-planner", ".properties");
        try (Writer writer = Files.newBufferedWriter(plannerConfig)) {
            properties.store(writer, null);
        }
        try {
            int status = HandoffCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "topics", "--check",
                    "--acls", "--bootstrap-servers", kafka.bootstrapServers(), "--command-config", plannerConfig.toString());
            assertThat(status).as(out + "\n" + err).isEqualTo(4);
            assertThat(err.toString()).contains("handoff: Kafka at " + kafka.bootstrapServers() + " refused this admin client")
                    .contains("to alter ACLs");
        } finally {
            Files.deleteIfExists(plannerConfig);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the broker did not show the change within %s", TIMEOUT).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private int topics(String... options) {
        out = new StringWriter();
        err = new StringWriter();
        String[] args = new String[options.length + 5];
        args[0] = "topics";
        args[1] = "--bootstrap-servers";
        args[2] = kafka.bootstrapServers();
        args[3] = "--command-config";
        args[4] = adminConfig.toString();
        System.arraycopy(options, 0, args, 5, options.length);
        return HandoffCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
