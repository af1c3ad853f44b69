package io.handoff.cutover.messaging;

import io.handoff.common.event.StepCommand;
import io.handoff.cutover.cluster.ClusterConnections;
import io.handoff.common.topic.Topics;
import io.handoff.common.event.StepType;
import io.handoff.kit.steps.CommandRunner;
import io.handoff.kit.steps.FenceRunner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the cutover commands and runs each with the {@link CommandRunner}, a FENCE's steps one after the
 * other with the {@link FenceRunner}, trusting the warm connections its steps leave clean
 * ({@link ClusterConnections#trustingCleanLeases}), publishing the applications' events it carries right before
 * and right after its steps ({@link AnnouncementSender}), then the command that follows a fence that succeeded
 * ({@link FollowUpSender}).
 *
 * <p>Delivery: at least once. The method is {@code @Blocking} and ordered: one command at a time,
 * on a worker thread, in topic order (so one plan's steps run in the order the planner issued them).
 * A command is acknowledged (its offset committed) only when this method returns, that is after its
 * result event was accepted by Kafka; a crash before that redelivers it, and the runner's memory of
 * completed command ids plus converging handlers make the redelivery harmless.
 *
 * <p>Failures are never acknowledged. The runner reports a step's failure as a FAILED event and
 * returns normally, so what escapes here is a failure to publish the outcome, or a malformed record.
 * Both are nacked; with {@code failure-strategy=fail} the channel then stops without committing the
 * offset (logged at ERROR, reported to the messaging health checks), and after a restart the record
 * is read again. Neither is dead-lettered nor skipped: a command whose outcome was not published must
 * run again, and a record this service cannot read may be a flip step it must not pass over. The
 * price: a malformed record blocks the service until an operator fixes the producer or moves the
 * group's offset past it ({@code kafka-consumer-groups --reset-offsets --shift-by 1}). The log line
 * names its partition, offset and key (the plan id) and what was wrong, never its content.
 */
@ApplicationScoped
public class CommandConsumer {
    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    private final CommandRunner runner;
    private final FenceRunner fences;
    private final ClusterConnections connections;
    private final FollowUpSender followUps;
    private final AnnouncementSender announcements;

    public CommandConsumer(CommandRunner runner, FenceRunner fences, ClusterConnections connections, FollowUpSender followUps,
            AnnouncementSender announcements) {
        this.runner = runner;
        this.fences = fences;
        this.connections = connections;
        this.followUps = followUps;
        this.announcements = announcements;
    }

    @Incoming(Topics.COMMANDS_CUTOVER)
    @Blocking(ordered = true)
    public void consume(String payload, IncomingKafkaRecordMetadata<String, String> record) {
        StepCommand command;
        try {
            command = CommandParser.parse(payload, origin(record));
        } catch (MalformedCommandException e) {
            LOG.errorf("%s; stopping intake: this record is not acknowledged", e.getMessage());
            throw e;
        }
        announcements.warm();
        if (command.type() == StepType.FENCE) {
            followUps.afterFence(command, connections.trustingCleanLeases(() -> fences.run(command,
                    announcements.listener(command))));
        } else {
            runner.run(command);
        }
    }

    private static String origin(IncomingKafkaRecordMetadata<String, String> record) {
        return record.getTopic() + "-" + record.getPartition() + "@" + record.getOffset() + " key " + record.getKey();
    }
}
