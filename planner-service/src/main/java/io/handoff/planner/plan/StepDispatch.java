package io.handoff.planner.plan;

import io.handoff.common.event.Announcements;
import io.handoff.common.event.ApplicationEventKind;
import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.FollowUp;
import io.handoff.common.event.HandoffEvent;
import io.handoff.common.event.PlanEventKind;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.common.step.FactBinding;
import io.handoff.common.step.InvalidStepParametersException;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepParameters;
import io.handoff.planner.config.PlannerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Builds a step's command and writes it with the STEP_SCHEDULED that names it, in the same outbox: a command is on
 * its topic exactly when its STEP_SCHEDULED is in the log. Binds a step's params to the facts of the steps it names,
 * gives every command its deadline, and packs consecutive steps of a fence (and the applications' switch after it)
 * into one FENCE command ({@link FenceSteps}, {@link FollowUp}) with the applications' announcements attached.
 */
final class StepDispatch {
    private static final Logger LOG = Logger.getLogger(StepDispatch.class);

    private final PlanJournal journal;
    private final PlannerConfig config;
    private final ApplicationAnnouncer applications;
    private final Clock clock;

    StepDispatch(PlanJournal journal, PlannerConfig config, ApplicationAnnouncer applications, Clock clock) {
        this.journal = journal;
        this.config = config;
        this.applications = applications;
        this.clock = clock;
    }

    /**
     * Sends {@code step}'s first command: alone, or as the first step of a FENCE command that carries the rest of its
     * fence ({@link PlanCompiler#fences}); a step that the FENCE command in flight carries is only scheduled (with the
     * command it stands for, whose events cutover-service publishes), nothing is sent. A FENCE command whose last step
     * is followed by the applications' DNS switch carries that switch's first command too ({@link FollowUp}).
     */
    void sendFirst(PlanRun run, StepRun step, PlanOutbox out) {
        if (run.sentAhead(step)) {
            PlannedStep planned = step.planned();
            schedule(run, step, StepCommand.issue(run.id(), planned.stepId(), planned.type(), boundParams(run, planned), 1,
                    clock.instant().plus(timeoutOf(planned)), run.fencingEpoch(), clock), Map.of(), out);
            return;
        }
        Outgoing first = firstCommand(run, step);
        StepCommand sent = first.sent();
        Map<String, Object> extra = first.extra();
        if (first.stepIds().size() > 1) {
            LOG.infof("%s and the %d steps after it go out as one %s command: %s", first.stepIds().get(0),
                    first.stepIds().size() - 1, sent.type(), first.stepIds().subList(1, first.stepIds().size()));
        }
        if (sent.type() == StepType.FENCE) {
            Optional<Outgoing> then = followUp(run, first.last());
            if (then.isPresent()) {
                LOG.infof("the FENCE command carries %s (%s): cutover-service sends it once the fence succeeded; from now on"
                        + " the plan cannot be aborted", then.get().stepIds(), then.get().sent().type());
                sent = sent.withParams(FollowUp.attach(sent.params(), then.get().sent()));
                extra = new LinkedHashMap<>(extra);
                extra.put(PlanFold.FOLLOW_UP, then.get().stepIds());
            }
        }
        Optional<String> readOnly = first.stepIds().stream().filter(id -> run.step(id).filter(this::fencesTheOldMaster)
                .isPresent()).findFirst();
        if (readOnly.isPresent() && sent.type() == StepType.FENCE) {
            // The applications hear of the fence with the command that starts it, a Kafka hop and an admission before
            // the old master's READ_ONLY can run: a transaction they opened before the event has that long to end, and
            // none starts after it (the fence's kill would cut it short, its commit in doubt). cutover-service tells
            // them again right before READ_ONLY runs: a second copy that clients take as a repeat.
            applications.announce(run, ApplicationEventKind.FENCE_STARTED, out);
            sent = sent.withParams(Announcements.attachBefore(sent.params(), readOnly.get(),
                    applications.events(run, ApplicationEventKind.FENCE_STARTED)));
        } else if (first.stepIds().stream().anyMatch(id -> isOfType(run, id, StepType.READ_ONLY))) {
            applications.announce(run, ApplicationEventKind.FENCE_STARTED, out);
        }
        Optional<String> writable = first.stepIds().stream().filter(id -> isOfType(run, id, StepType.WRITABLE)).findFirst();
        if (sent.type() == StepType.FENCE && writable.isPresent()) {
            // cutover-service tells the applications the moment WRITABLE succeeded; the planner's own copy follows.
            sent = sent.withParams(Announcements.attach(sent.params(), writable.get(),
                    applications.events(run, ApplicationEventKind.MASTER_WRITABLE)));
        }
        schedule(run, step, first.scheduled(), extra, out);
        out.send(sent);
    }

    /** Issues attempt {@code attempt} of {@code step} with its bound params and the plan's fencing epoch. */
    void issue(PlanRun run, StepRun step, int attempt, Map<String, Object> extra, PlanOutbox out) {
        PlannedStep planned = step.planned();
        StepCommand command = StepCommand.issue(run.id(), planned.stepId(), planned.type(), boundParams(run, planned), attempt,
                clock.instant().plus(timeoutOf(planned)), run.fencingEpoch(), clock);
        send(run, step, command, extra, out);
    }

    /** Sends the next attempt of {@code step}'s last command: same params and epoch, a new deadline and command id. */
    void retry(PlanRun run, StepRun step, PlanOutbox out) {
        send(run, step, step.command().nextAttempt(clock.instant().plus(timeoutOf(step.planned())), clock), Map.of(), out);
    }

    /** Whether {@code step} is the flip's READ_ONLY of the old master (the one that names the new master too). */
    private boolean fencesTheOldMaster(StepRun step) {
        return step.planned().parameters() instanceof StepParameters.ReadOnly readOnly && readOnly.targetCluster() != null;
    }

    private static boolean isOfType(PlanRun run, String stepId, StepType type) {
        return run.step(stepId).filter(step -> step.planned().type() == type).isPresent();
    }

    /**
     * The first command of {@code step} as {@link #sendFirst} sends it, the command the step is scheduled with, the
     * details of its STEP_SCHEDULED, the ids of the steps the sent command carries and the last of them.
     */
    private record Outgoing(StepCommand sent, StepCommand scheduled, Map<String, Object> extra, List<String> stepIds,
            StepRun last) {
    }

    private Outgoing firstCommand(PlanRun run, StepRun step) {
        List<StepRun> fence = run.fenceFrom(step);
        if (fence.size() < 2) {
            PlannedStep planned = step.planned();
            StepCommand command = StepCommand.issue(run.id(), planned.stepId(), planned.type(), boundParams(run, planned), 1,
                    clock.instant().plus(timeoutOf(planned)), run.fencingEpoch(), clock);
            return new Outgoing(command, command, Map.of(), List.of(planned.stepId()), step);
        }
        List<String> ids = fence.stream().map(s -> s.planned().stepId()).toList();
        List<FenceSteps.Step> steps = new ArrayList<>();
        Duration allowance = Duration.ZERO;
        for (StepRun member : fence) {
            PlannedStep planned = member.planned();
            StepParameters parameters = planned.parameters();
            List<FactBinding> inside = new ArrayList<>();
            for (FactBinding binding : planned.bindings()) {
                if (ids.contains(binding.stepId())) {
                    inside.add(binding);
                } else {
                    parameters = filled(run, planned, binding, parameters);
                }
            }
            steps.add(new FenceSteps.Step(planned.stepId(), parameters, inside, 1, timeoutOf(planned).toMillis()));
            allowance = allowance.plus(timeoutOf(planned));
        }
        StepType carrier = StepType.carrying(step.planned().type().executor());
        StepCommand fenceCommand = new StepCommand(HandoffEvent.newEventId(), run.id(), clock.instant(),
                StepCommand.SCHEMA_VERSION, ids.get(0), FenceSteps.commandIdFor(run.id(), ids.get(0), 1), carrier,
                StepContracts.params(FenceSteps.carrying(carrier, steps)), 1, clock.instant().plus(allowance),
                run.fencingEpoch());
        return new Outgoing(fenceCommand, FenceSteps.command(fenceCommand, steps.get(0), Map.of(), clock),
                Map.of(PlanFold.FENCE, ids.subList(1, ids.size()), PlanFold.FENCE_COMMAND_ID, fenceCommand.commandId()), ids,
                fence.get(fence.size() - 1));
    }

    /**
     * The first command of the step after {@code last} when it is an application's DNS switch that only the fence's
     * success decides (pending, no gate, no fact of an earlier step): the command this planner sends for it once
     * {@code last} succeeded, built now, with the same command id.
     */
    private Optional<Outgoing> followUp(PlanRun run, StepRun last) {
        List<StepRun> steps = run.steps();
        int at = steps.indexOf(last);
        if (at < 0 || at + 1 >= steps.size()) {
            return Optional.empty();
        }
        StepRun next = steps.get(at + 1);
        PlannedStep planned = next.planned();
        boolean switchOnly = planned.type() == StepType.SWITCH_DNS || planned.type() == StepType.FLIP_BACK;
        if (!switchOnly || next.state() != StepState.PENDING || planned.gate() != null || !planned.bindings().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(firstCommand(run, next));
    }

    /**
     * {@code planned}'s params with its bindings filled from the facts of the steps they name; a fact the step did not
     * report leaves its param out, and the executor refuses the step for want of it (the planner does not stop there).
     */
    private static Map<String, Object> boundParams(PlanRun run, PlannedStep planned) {
        StepParameters parameters = planned.parameters();
        for (FactBinding binding : planned.bindings()) {
            parameters = filled(run, planned, binding, parameters);
        }
        return StepContracts.params(parameters);
    }

    /** {@code parameters} with {@code binding}'s param filled from the facts its step reported, read as that step's record. */
    private static StepParameters filled(PlanRun run, PlannedStep planned, FactBinding binding, StepParameters parameters) {
        StepRun source = run.step(binding.stepId()).orElseThrow(() -> new IllegalStateException(planned.stepId()
                + " needs the facts of " + binding.stepId() + ", which is not in the plan"));
        try {
            return binding.fill(parameters, StepContracts.decodeFacts(source.planned().type(), source.facts()))
                    .orElse(parameters);
        } catch (InvalidStepParametersException e) {
            LOG.warnf("%s: %s is left out, %s's facts cannot be read: %s", planned.stepId(), binding.param(),
                    binding.stepId(), e.getMessage());
            return parameters;
        }
    }

    /** Logs STEP_SCHEDULED with the command and writes the command, in the same transaction. */
    private void send(PlanRun run, StepRun step, StepCommand command, Map<String, Object> extra, PlanOutbox out) {
        schedule(run, step, command, extra, out);
        out.send(command);
    }

    /** Logs STEP_SCHEDULED with the command {@code step} is run by. */
    private void schedule(PlanRun run, StepRun step, StepCommand command, Map<String, Object> extra, PlanOutbox out) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("type", command.type().name());
        details.put("attempt", command.attempt());
        details.put(PlanFold.COMMAND_ID, command.commandId());
        // As the executors read it (with its type id), so that the fold reads back the very command.
        details.put(PlanFold.COMMAND, Json.fromJson(Json.toJson(command), Map.class));
        journal.publish(run, PlanEventKind.STEP_SCHEDULED, step.planned().stepId(), details, out);
    }

    /**
     * When the executor's answer is due: WAIT_SYNC waits on the server for up to its own timeout; a
     * seed, a verification and a snapshot copy data and may take hours.
     */
    private Duration timeoutOf(PlannedStep step) {
        if (step.type() == StepType.SEED || step.type() == StepType.VERIFY || step.type() == StepType.SNAPSHOT) {
            return config.longStepTimeout();
        }
        if (step.parameters() instanceof StepParameters.WaitSync sync && sync.timeoutMs() != null) {
            return Duration.ofMillis(sync.timeoutMs()).plus(Duration.ofSeconds(5));
        }
        return config.stepTimeout();
    }
}
