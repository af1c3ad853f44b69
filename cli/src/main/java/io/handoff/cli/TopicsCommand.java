package io.handoff.cli;

import io.handoff.common.topic.HandoffAcls;
import io.handoff.common.topic.TopicProvisioner;
import io.handoff.common.topic.TopicRequirements;
import io.handoff.common.topic.TopicsUnreachableException;
import io.handoff.common.topic.UnsafeSetting;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code handoff topics}: handoff's Kafka topics with the settings of {@code TopicRequirements}, straight against
 * Kafka (not the planner). By default creates the missing topics and reports unsafe settings of existing ones;
 * {@code --check} changes nothing; {@code --fix} also sets every unsafe config. A replication factor is never
 * changed. Exit 0 when every topic is safe afterwards, 1 when a setting is still unsafe (each printed as
 * {@code topic: config=value, must be ...}), 2 for a usage error, 3 when Kafka does not answer.
 *
 * <p>{@code --acls} does the same for the ACL matrix of {@code HandoffAcls} (one principal per component; the broker
 * needs an authorizer and the admin client a principal allowed to alter ACLs): applies the missing bindings, or with
 * {@code --check} prints each ({@code acl missing: User:cutover ALLOW READ TOPIC handoff.commands.cutover}) and exits 1.
 * Bindings the broker holds for handoff's principals beyond the matrix are printed ({@code acl beyond the matrix: ...})
 * and never removed.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Create handoff's Kafka topics with their required settings, or check them.",
                "handoff.plans: retention.ms=-1, retention.bytes=-1, cleanup.policy=delete (the planner's state).",
                "Commands, step events, applications: retention.ms >= 7 days (created with 30), retention.bytes=-1.",
                "Lag and drift: retention.ms >= 7 days. Every topic: unclean.leader.election.enable=false,",
                "min.insync.replicas=2 from a replication factor of 3.",
                "Without --check or --fix: creates the missing topics, reports unsafe settings of existing ones."})
final class TopicsCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka brokers (env KAFKA_BOOTSTRAP_SERVERS; default localhost:9092).")
    String bootstrapServers;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "1",
            description = "Replicas of every topic: new topics get it, existing ones must have at least it "
                    + "(default 1, one broker; 3 recommended in production).")
    int replicationFactor;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
            description = "Partitions of a topic this creates (default 3); existing topics keep theirs.")
    int partitions;

    @Option(names = "--check", description = "Change nothing: print each missing topic and unsafe setting, exit 1 if any.")
    boolean check;

    @Option(names = "--fix", description = "Also set every unsafe config of existing topics to its required value.")
    boolean fix;

    @Option(names = "--acls", description = "Also apply handoff's Kafka ACL matrix (one principal per service), or with "
            + "--check list the bindings missing from it. The broker must have an authorizer.")
    boolean acls;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Properties for the Kafka admin client (security.protocol, sasl.*, ssl.*), as for Kafka's own tools;"
                    + " they win over the environment's KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG,"
                    + " KAFKA_SSL_TRUSTSTORE_LOCATION|PASSWORD|TYPE (the services' own variables).")
    Path commandConfig;

    @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "30",
            description = "How long to wait for Kafka (default 30).")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (check && fix) {
            throw new PlannerException(ExitCodes.USAGE, "--check and --fix exclude each other");
        }
        TopicRequirements requirements;
        try {
            requirements = TopicRequirements.of(partitions, replicationFactor);
        } catch (IllegalArgumentException e) {
            throw new PlannerException(ExitCodes.USAGE, e.getMessage());
        }
        if (timeoutSeconds < 1) {
            throw new PlannerException(ExitCodes.USAGE, "--timeout-seconds must be at least 1");
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<UnsafeSetting> unsafe;
        List<AclBinding> missingAcls = List.of();
        try (Admin admin = TopicProvisioner.admin(adminConfig(), timeout)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, timeout);
            if (check) {
                unsafe = provisioner.check(requirements);
            } else {
                TopicProvisioner.Outcome outcome = provisioner.provision(requirements, fix);
                outcome.created().forEach(topic -> out.println("created " + topic));
                outcome.fixed().forEach(setting -> out.println("fixed " + setting));
                unsafe = outcome.unsafe();
            }
            if (acls) {
                missingAcls = acls(admin, timeout, out);
            }
        } catch (AuthorizationException | AuthenticationException e) {
            throw new PlannerException(ExitCodes.NOT_ALLOWED, "Kafka at " + bootstrapServers + " refused this admin client ("
                    + e.getMessage() + "): provisioning needs a principal allowed to create and configure topics"
                    + (acls ? " and to alter ACLs" : "") + " (--command-config)");
        } catch (TopicsUnreachableException | KafkaException e) {
            throw new PlannerException(ExitCodes.UNAVAILABLE, "Kafka at " + bootstrapServers + ": " + e.getMessage());
        }
        unsafe.forEach(out::println);
        out.flush();
        if (unsafe.isEmpty() && missingAcls.isEmpty()) {
            out.println("all " + requirements.specs().size() + " topics have the required settings (replication factor "
                    + replicationFactor + ")" + (acls ? "; the broker holds all " + HandoffAcls.bindings().size()
                    + " ACL bindings of handoff's principals" : ""));
            out.flush();
            return ExitCodes.OK;
        }
        if (!unsafe.isEmpty()) {
            err.println("handoff: " + unsafe.size() + " topic setting(s) missing or unsafe; " + hint(unsafe));
        }
        if (!missingAcls.isEmpty()) {
            err.println("handoff: " + missingAcls.size() + " ACL binding(s) missing; `handoff topics --acls` applies them");
        }
        err.flush();
        return ExitCodes.REFUSED;
    }

    /**
     * Applies the ACL matrix (unless {@code --check}); prints each binding still missing and each binding of handoff's
     * principals beyond the matrix; returns the missing ones.
     */
    private List<AclBinding> acls(Admin admin, Duration timeout, PrintWriter out) {
        List<AclBinding> wanted = HandoffAcls.bindings();
        Set<AclBinding> held;
        try {
            held = HandoffAcls.describe(admin, timeout);
            if (!check && !held.containsAll(wanted)) {
                long before = wanted.stream().filter(held::contains).count();
                HandoffAcls.apply(admin, timeout);
                out.println("applied " + (wanted.size() - before) + " ACL binding(s) of " + HandoffAcls.components().size()
                        + " principals (" + String.join(", ", HandoffAcls.components()) + ")");
                held = HandoffAcls.describe(admin, timeout);
            }
        } catch (SecurityDisabledException e) {
            throw new PlannerException(ExitCodes.REFUSED, "Kafka at " + bootstrapServers + " has no authorizer, so it"
                    + " cannot hold ACLs: give the brokers one (authorizer.class.name, allow.everyone.if.no.acl.found=false)"
                    + " before --acls");
        }
        Set<AclBinding> have = held;
        List<AclBinding> missing = wanted.stream().filter(binding -> !have.contains(binding)).toList();
        missing.forEach(binding -> out.println("acl missing: " + AclText.of(binding)));
        Set<String> principals = new HashSet<>();
        HandoffAcls.components().forEach(user -> principals.add(HandoffAcls.principal(user)));
        have.stream().filter(binding -> principals.contains(binding.entry().principal()) && !wanted.contains(binding))
                .map(AclText::of).sorted().forEach(text -> out.println("acl beyond the matrix: " + text));
        return missing;
    }

    private String hint(List<UnsafeSetting> unsafe) {
        boolean fixable = unsafe.stream().anyMatch(UnsafeSetting::fixable);
        boolean replicas = unsafe.stream().anyMatch(setting -> !setting.fixable());
        String fixHint = check ? "`handoff topics --fix` creates and fixes them" : "`handoff topics --fix` fixes them";
        String replicaHint = "a replication factor needs a partition reassignment (kafka-reassign-partitions)";
        if (fixable && replicas) {
            return fixHint + "; " + replicaHint;
        }
        return fixable ? fixHint : replicaHint;
    }

    private Map<String, Object> adminConfig() {
        return KafkaAdminSettings.of(System.getenv(), commandConfig, bootstrapServers);
    }
}
