package io.handoff.common.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on handoff's Kafka topics: one principal per component, and the ACLs that give each exactly what
 * its code uses. {@link #bindings()} lists them (pure, no broker); {@link #apply} creates them with an admin client
 * (as a super user) and waits until the broker shows them. The broker must run an authorizer with
 * {@code allow.everyone.if.no.acl.found=false}, so that whatever is not listed here is refused.
 *
 * <p>The matrix, derived from the code ({@code @Incoming}/{@code @Channel}, {@code mp.messaging.*}, the planner's own
 * clients in {@code PlanLog} and {@code TopicTail}, executor-kit's {@code StepEventReplay}). W = WRITE, R = READ
 * (both imply DESCRIBE):
 * <pre>
 * topic                      planner  cutover  dns  monitor  client
 * handoff.plans              R W      -        -    -        R
 * handoff.commands.cutover   W        R        -    -        -
 * handoff.commands.dns       W        W (1)    R    -        -
 * handoff.commands.monitor   W        -        -    R        -
 * handoff.step-events        R        R W      R W  R W      -
 * handoff.replication.lag    R        -        -    W        R
 * handoff.replication.drift  R        -        -    W        R
 * handoff.applications       R W      W (2)    -    -        R
 * </pre>
 * <ol>
 *   <li>cutover-service's {@code FollowUpSender} sends a fence's follow-up (the applications' DNS_SWITCHES, built by
 *       the planner) on dns-service's command topic itself, the moment the fence succeeded. So the planner is not the
 *       only writer of {@code handoff.commands.dns}: cutover is the one other, and of no other command topic.</li>
 *   <li>cutover-service's {@code AnnouncementSender} publishes FENCE_STARTED and MASTER_WRITABLE as the fence reaches
 *       them; the planner publishes its copies in its plan transaction.</li>
 * </ol>
 * Executors read {@code handoff.step-events} too: they rebuild their ledger from it ({@code StepEventReplay}, by
 * partition assignment, no consumer group). The planner also reads lag, drift and applications for the dashboard
 * ({@code TopicTail}, assigned, no group). Every service's principal has DESCRIBE_CONFIGS on every topic (settings,
 * never records): the planner checks them before it runs plans, and each service's Kubernetes init container checks
 * them as that service ({@code handoff topics --check}) before it starts. None gets CREATE: with ACLs the topics are
 * created by the admin ({@code handoff topics}).
 *
 * <p>Other resources:
 * <ul>
 *   <li>consumer groups (READ), literal: {@value #PLANNER_GROUP} and {@value #PLANNER_LAG_GROUP} for the planner,
 *       {@value #CUTOVER_GROUP}, {@value #DNS_GROUP}, {@value #MONITOR_GROUP} for the executors (the group ids of
 *       their {@code application.properties}); prefixed {@value #CLIENT_GROUP_PREFIX} for {@code client};</li>
 *   <li>the planner's transactional id {@value #PLANNER_TRANSACTIONAL_ID} (WRITE): its plan log, commands and
 *       announcements are one transaction per decision; idempotent producers need nothing more than WRITE on their
 *       topics (Kafka 3.0 and later);</li>
 *   <li>the replication-monitor's Debezium engines (one per plan) keep their offsets and schema history in topics of
 *       their own, which they create: {@code monitor} has CREATE, READ, WRITE and DESCRIBE_CONFIGS of topics prefixed
 *       {@value #MONITOR_ENGINE_TOPIC_PREFIX} ({@code handoff.monitor.binlog.offset-topic-prefix} and
 *       {@code schema-history-topic-prefix}) and READ of groups prefixed {@value #MONITOR_ENGINE_GROUP_PREFIX} (the
 *       schema history's consumer subscribes);</li>
 *   <li>{@value #ADMIN}: no ACL, a super user ({@code super.users}), for provisioning topics and ACLs.</li>
 * </ul>
 * A deployment that changes a group id or the transactional id in configuration must change it here too.
 */
public final class HandoffAcls {
    /** The planner-service. */
    public static final String PLANNER = "planner";
    /** The cutover-service. */
    public static final String CUTOVER = "cutover";
    /** The dns-service. */
    public static final String DNS = "dns";
    /** The replication-monitor. */
    public static final String MONITOR = "monitor";
    /** Applications and dashboards: read-only. */
    public static final String CLIENT = "client";
    /** The super user that provisions topics and ACLs; has no ACL of its own. */
    public static final String ADMIN = "admin";

    /** The planner's consumer group of {@code handoff.step-events} ({@code handoff.planner.consumer-group}). */
    public static final String PLANNER_GROUP = "planner-service";
    /** The planner's consumer group of {@code handoff.replication.lag}. */
    public static final String PLANNER_LAG_GROUP = "planner-service-lag";
    /** cutover-service's consumer group. */
    public static final String CUTOVER_GROUP = "cutover-service";
    /** dns-service's consumer group. */
    public static final String DNS_GROUP = "dns-service";
    /** replication-monitor's consumer group. */
    public static final String MONITOR_GROUP = "replication-monitor";
    /** The prefix of the topics the monitor's Debezium engines create for their offsets and schema history. */
    public static final String MONITOR_ENGINE_TOPIC_PREFIX = "handoff.monitor.";
    /** The prefix of the consumer groups of the monitor's Debezium engines (their schema history's). */
    public static final String MONITOR_ENGINE_GROUP_PREFIX = "handoff-monitor-";
    /** The prefix of consumer groups a {@link #CLIENT} may use. */
    public static final String CLIENT_GROUP_PREFIX = "handoff-client";
    /** The planner's {@code transactional.id} ({@code handoff.planner.transactional-id}). */
    public static final String PLANNER_TRANSACTIONAL_ID = "handoff-planner";

    private static final List<String> COMPONENTS = List.of(PLANNER, CUTOVER, DNS, MONITOR, CLIENT);
    private static final List<String> PRINCIPALS = List.of(PLANNER, CUTOVER, DNS, MONITOR, CLIENT, ADMIN);

    private HandoffAcls() {
    }

    /** The principals that get ACLs, one per component: planner, cutover, dns, monitor, client. */
    public static List<String> components() {
        return COMPONENTS;
    }

    /** Every principal handoff needs: {@link #components()} and {@link #ADMIN}. */
    public static List<String> principals() {
        return PRINCIPALS;
    }

    /** {@code User:name}, the principal a SCRAM user authenticates as. */
    public static String principal(String user) {
        return "User:" + user;
    }

    /** Every ACL binding of the matrix above (ALLOW, any host), in a fixed order without duplicates. */
    public static List<AclBinding> bindings() {
        List<AclBinding> acls = new ArrayList<>();

        topic(acls, PLANNER, AclOperation.WRITE, Topics.PLANS, Topics.COMMANDS_CUTOVER, Topics.COMMANDS_DNS,
                Topics.COMMANDS_MONITOR, Topics.APPLICATIONS);
        topic(acls, PLANNER, AclOperation.READ, Topics.PLANS, Topics.STEP_EVENTS, Topics.REPLICATION_LAG,
                Topics.REPLICATION_DRIFT, Topics.APPLICATIONS);
        for (String service : List.of(PLANNER, CUTOVER, DNS, MONITOR)) {
            topic(acls, service, AclOperation.DESCRIBE_CONFIGS, Topics.all().toArray(String[]::new));
        }
        group(acls, PLANNER, PatternType.LITERAL, PLANNER_GROUP, PLANNER_LAG_GROUP);
        acls.add(allow(PLANNER, ResourceType.TRANSACTIONAL_ID, PLANNER_TRANSACTIONAL_ID, PatternType.LITERAL,
                AclOperation.WRITE));

        executor(acls, CUTOVER, Topics.COMMANDS_CUTOVER, CUTOVER_GROUP);
        topic(acls, CUTOVER, AclOperation.WRITE, Topics.COMMANDS_DNS, Topics.APPLICATIONS);

        executor(acls, DNS, Topics.COMMANDS_DNS, DNS_GROUP);

        executor(acls, MONITOR, Topics.COMMANDS_MONITOR, MONITOR_GROUP);
        topic(acls, MONITOR, AclOperation.WRITE, Topics.REPLICATION_LAG, Topics.REPLICATION_DRIFT);
        for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE_CONFIGS)) {
            acls.add(allow(MONITOR, ResourceType.TOPIC, MONITOR_ENGINE_TOPIC_PREFIX, PatternType.PREFIXED, operation));
        }
        group(acls, MONITOR, PatternType.PREFIXED, MONITOR_ENGINE_GROUP_PREFIX);

        topic(acls, CLIENT, AclOperation.READ, Topics.PLANS, Topics.REPLICATION_LAG, Topics.REPLICATION_DRIFT,
                Topics.APPLICATIONS);
        group(acls, CLIENT, PatternType.PREFIXED, CLIENT_GROUP_PREFIX);
        return List.copyOf(acls);
    }

    /**
     * Creates every binding of {@link #bindings()} with {@code admin} (which must be a super user) and waits, at most
     * {@code timeout}, until the broker lists them all. Idempotent: existing bindings are left as they are. Removes
     * nothing: a binding the broker holds beyond the matrix stays (see {@link #describe}).
     */
    public static void apply(Admin admin, Duration timeout) {
        List<AclBinding> wanted = bindings();
        await(admin.createAcls(wanted).all(), timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!describe(admin, timeout).containsAll(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker did not list handoff's ACLs within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicsUnreachableException("interrupted while waiting for handoff's ACLs", e);
            }
        }
    }

    /** Every ACL binding the broker holds (of any principal and resource). */
    public static Set<AclBinding> describe(Admin admin, Duration timeout) {
        return new HashSet<>(await(admin.describeAcls(AclBindingFilter.ANY).values(), timeout));
    }

    /** READ of its command topic with its group, READ and WRITE of the step events. */
    private static void executor(List<AclBinding> acls, String user, String commandTopic, String group) {
        topic(acls, user, AclOperation.READ, commandTopic, Topics.STEP_EVENTS);
        topic(acls, user, AclOperation.WRITE, Topics.STEP_EVENTS);
        group(acls, user, PatternType.LITERAL, group);
    }

    private static void topic(List<AclBinding> acls, String user, AclOperation operation, String... topics) {
        for (String topic : topics) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, operation));
        }
    }

    private static void group(List<AclBinding> acls, String user, PatternType pattern, String... groups) {
        for (String group : groups) {
            acls.add(allow(user, ResourceType.GROUP, group, pattern, AclOperation.READ));
        }
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal(user), "*", operation, AclPermissionType.ALLOW));
    }

    private static <T> T await(KafkaFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new TopicsUnreachableException("Kafka did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicsUnreachableException("interrupted while waiting for Kafka", e);
        }
    }
}
