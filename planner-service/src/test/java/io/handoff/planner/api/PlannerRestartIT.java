package io.handoff.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.testing.LocalStackExtension;
import io.handoff.planner.plan.Plans;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Invariant 6 of docs/DESIGN.md for the planner (issue 7, acceptance 1): the packaged planner is killed
 * ({@code kill -9}) between steps and started again; the plan finishes and no command is executed twice.
 * The executors are stood in for over the real broker by a responder that, like a real executor,
 * executes a command id once and answers a redelivery with its first answer, counting executions.
 */
@ExtendWith(LocalStackExtension.class)
class PlannerRestartIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    /** Killed while waiting for this step's answer, which is published while the planner is down. */
    private static final String KILLED_BEFORE_ANSWER = "04-kill-connections-source";
    /** Killed right after this step's answer is published: the planner may be in the middle of its transaction. */
    private static final String KILLED_AFTER_ANSWER = "09-writable-target";

    @Test
    void aPlannerKilledBetweenStepsFinishesThePlanAfterItsRestartWithoutExecutingAnyCommandTwice(LocalStack stack)
            throws Exception {
        String bootstrap = stack.coordinates().kafkaBootstrapServers();
        Map<String, StepEvent> firstAnswers = new ConcurrentHashMap<>();
        Map<String, Integer> executionsPerCommand = new HashMap<>();
        Map<String, Integer> executionsPerStep = new HashMap<>();
        List<String> kills = new ArrayList<>();
        try (PlannerProcess planner = new PlannerProcess(bootstrap, Path.of("target", "planner-restart-it")).start();
                ExecutorStandIn executors = new ExecutorStandIn(bootstrap)) {
            String planId = planner.submit(Json.toJson(Plans.valid(null)));

            List<StepCommand> commands = executors.answer(planId, command -> {
                StepEvent first = firstAnswers.get(command.commandId());
                if (first != null) {
                    return StepEvent.succeeded(command, first.facts(), Clock.systemUTC());
                }
                executionsPerCommand.merge(command.commandId(), 1, Integer::sum);
                executionsPerStep.merge(command.stepId(), 1, Integer::sum);
                if (command.stepId().equals(KILLED_BEFORE_ANSWER)) {
                    killQuietly(planner);
                    kills.add("before the answer of " + command.stepId());
                }
                StepEvent answer = StepEvent.succeeded(command, facts(command), Clock.systemUTC());
                firstAnswers.put(command.commandId(), answer);
                return answer;
            }, command -> {
                if (command.stepId().equals(KILLED_AFTER_ANSWER) && kills.size() == 1) {
                    killQuietly(planner);
                    kills.add("right after the answer of " + command.stepId());
                }
                if (command.stepId().equals(KILLED_BEFORE_ANSWER) || command.stepId().equals(KILLED_AFTER_ANSWER)) {
                    planner.start();
                }
            }, () -> "COMPLETED".equals(planner.get(planId).path("status").asText()), TIMEOUT);

            JsonNode view = planner.get(planId);
            assertThat(kills).as("the planner was killed twice").hasSize(2);
            assertThat(view.path("status").asText()).as("plan status; planner log " + planner.log()).isEqualTo("COMPLETED");
            assertThat(StreamSupport.stream(view.path("steps").spliterator(), false).map(step -> step.path("state").asText()))
                    .hasSize(14).containsOnly("SUCCEEDED");
            assertThat(executionsPerCommand.values()).as("executions per command id").hasSize(14).containsOnly(1);
            assertThat(executionsPerStep.values()).as("executions per step").hasSize(14).containsOnly(1);
            assertThat(commands).as("no command was even delivered twice: the restarted planner re-sent nothing")
                    .hasSize(14).extracting(StepCommand::attempt).containsOnly(1);
            long epoch = view.path("fencingEpoch").asLong();
            assertThat(epoch).isPositive();
            assertThat(commands).extracting(StepCommand::fencingEpoch).containsOnly(epoch);
            assertThat(commands).filteredOn(c -> c.type() == StepType.REVERSE_REPLICATION).singleElement()
                    .satisfies(c -> assertThat(c.params()).containsEntry(StepParams.POSITION, "0-2-42"));
        }
    }

    private static Map<String, Object> facts(StepCommand command) {
        return command.type() == StepType.CAPTURE_POSITION ? Map.of(StepParams.FACT_POSITION, "0-2-42") : Map.of();
    }

    private static void killQuietly(PlannerProcess planner) {
        try {
            planner.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
