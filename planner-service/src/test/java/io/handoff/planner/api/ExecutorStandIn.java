package io.handoff.planner.api;

import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.LagSample;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.json.Json;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepFacts;
import io.handoff.common.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for the executors on the real topics so that the planner's orchestration can be tested on
 * its own: reads the plan's commands from the command topics and answers each on
 * {@code handoff.step-events} as {@code answer} decides; a FENCE command step by step, as cutover-service runs it
 * ({@link FenceSteps}), each step's command answered and listed on its own. Created before the plan is submitted.
 */
final class ExecutorStandIn implements AutoCloseable {
    private static final List<String> COMMAND_TOPICS = List.of(Topics.COMMANDS_CUTOVER, Topics.COMMANDS_DNS, Topics.COMMANDS_MONITOR);

    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final List<StepCommand> received = new ArrayList<>();
    private final List<StepCommand> envelopes = new ArrayList<>();

    ExecutorStandIn(String bootstrapServers) {
        // Commands are written in the planner's transactions: like the executors, read committed ones only.
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : COMMAND_TOPICS) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /**
     * Answers the commands of {@code planId} until {@code done} holds or {@code timeout} passes; returns
     * the commands answered in this call.
     */
    List<StepCommand> answer(String planId, Function<StepCommand, StepEvent> answer, java.util.function.BooleanSupplier done,
            Duration timeout) throws Exception {
        return answer(planId, answer, command -> { }, done, timeout);
    }

    /** As {@link #answer(String, Function, java.util.function.BooleanSupplier, Duration)}, calling {@code afterAnswer} once each answer is on its topic. */
    List<StepCommand> answer(String planId, Function<StepCommand, StepEvent> answer, java.util.function.Consumer<StepCommand> afterAnswer,
            java.util.function.BooleanSupplier done, Duration timeout) throws Exception {
        received.clear();
        envelopes.clear();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                StepCommand command = Json.fromJson(record.value(), StepCommand.class);
                if (!command.planId().equals(planId)) {
                    continue;
                }
                if (command.type().carriesSteps()) {
                    envelopes.add(command);
                    answerFence(command, answer, afterAnswer);
                } else {
                    answerOne(command, answer, afterAnswer);
                }
            }
        }
        return List.copyOf(received);
    }

    /**
     * As cutover-service runs a FENCE (and dns-service reports a DNS_SWITCHES): each step as the command it stands for,
     * in order, until one does not succeed.
     */
    private void answerFence(StepCommand fence, Function<StepCommand, StepEvent> answer,
            java.util.function.Consumer<StepCommand> afterAnswer) throws Exception {
        Map<String, StepFacts> facts = new java.util.HashMap<>();
        List<FenceSteps.Step> steps = FenceSteps.of(fence);
        for (FenceSteps.Step step : steps) {
            StepEvent outcome = answerOne(FenceSteps.command(fence, step, facts, Clock.systemUTC()), answer, afterAnswer);
            if (steps.stream().anyMatch(later -> later.bindsTo(step.stepId()))) {
                facts.put(step.stepId(), StepContracts.decodeFacts(step.type(), outcome.facts()));
            }
            if (outcome.kind() != StepEventKind.SUCCEEDED) {
                return;
            }
        }
    }

    private StepEvent answerOne(StepCommand command, Function<StepCommand, StepEvent> answer,
            java.util.function.Consumer<StepCommand> afterAnswer) throws Exception {
        received.add(command);
        producer.send(new ProducerRecord<>(Topics.STEP_EVENTS, command.planId(), Json.toJson(StepEvent.started(command, Clock.systemUTC())))).get();
        StepEvent outcome = answer.apply(command);
        producer.send(new ProducerRecord<>(Topics.STEP_EVENTS, command.planId(), Json.toJson(outcome))).get();
        afterAnswer.accept(command);
        return outcome;
    }

    /** Publishes a fresh lag sample for {@code planId}, as the replication monitor does. */
    void publishLag(String planId, long lagMillis) throws Exception {
        Clock clock = Clock.systemUTC();
        LagSample sample = LagSample.of(planId, lagMillis, false, null, null, LagSample.UNKNOWN, LagSample.UNKNOWN,
                LagSample.UNKNOWN, clock.instant(), clock);
        producer.send(new ProducerRecord<>(Topics.REPLICATION_LAG, planId, Json.toJson(sample))).get();
    }

    /** The commands answered by the last {@link #answer} call. */
    List<StepCommand> received() {
        return List.copyOf(received);
    }

    /** The FENCE and DNS_SWITCHES commands received by the last {@link #answer} call, as sent. */
    List<StepCommand> envelopes() {
        return List.copyOf(envelopes);
    }

    /** Every command seen for any plan since creation, without answering. */
    int commandsSeen(Duration within) {
        int count = 0;
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            count += consumer.poll(Duration.ofMillis(100)).count();
        }
        return count;
    }

    @Override
    public void close() {
        consumer.close();
        producer.close();
    }
}
