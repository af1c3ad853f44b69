package io.handoff.planner.plan;

import io.handoff.common.event.PlanEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.PlannerFacts;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepParameters;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * CHECK_HEALTH, which the planner decides itself (no command is sent): the step WAITs (logged) while the planner
 * probes the application's URL, once per {@link #PROBE_INTERVAL} and asynchronously (the answer is picked up by a
 * later tick); a 2xx confirms it; no 2xx within the plan's health check timeout (counted from the start of the wait,
 * in the log) fails it: DNS already moved, so nothing is rolled back and the later applications are not switched.
 */
final class HealthCheckStep {
    private static final Logger LOG = Logger.getLogger(HealthCheckStep.class);

    /** How often a CHECK_HEALTH probes its URL while it does not answer 2xx. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    /** The longest one health check request may take. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    /** What a look at the step decided; the step's event is logged already. */
    sealed interface Verdict {
        /** A 2xx answered: the step is confirmed and the plan goes on. */
        record Passed() implements Verdict {
        }

        /** No 2xx in time: the step failed and the plan ends FAILED with {@code reason}. */
        record Failed(String reason) implements Verdict {
        }

        /** Still waiting for a 2xx. */
        record Waiting() implements Verdict {
        }
    }

    private final PlanJournal journal;
    private final HealthProbe probe;
    private final Clock clock;

    HealthCheckStep(PlanJournal journal, HealthProbe probe, Clock clock) {
        this.journal = journal;
        this.probe = probe;
        this.clock = clock;
    }

    /** Looks at {@code step}'s probes: confirms or fails it when they decide, starts the next probe when one is due. */
    Verdict check(PlanRun run, StepRun step, PlanOutbox out) {
        PlannedStep planned = step.planned();
        StepParameters.CheckHealth check = (StepParameters.CheckHealth) planned.parameters();
        String url = check.url();
        String application = check.application();
        Duration timeout = Duration.ofMillis(check.timeoutMs());
        Instant now = clock.instant();
        if (step.state() != StepState.WAITING) {
            LOG.infof("%s: waiting for a 2xx from %s's health check %s", planned.stepId(), application, url);
            journal.publish(run, PlanEventKind.STEP_SCHEDULED, planned.stepId(),
                    Map.of(PlanFold.WAITING_FOR, "a 2xx answer from " + url), out);
        }
        HealthProbe.Watch watch;
        HealthProbe.Result last;
        synchronized (run) {
            watch = run.healthWatch(planned.stepId());
            last = watch.last();
        }
        Map<String, Object> facts = facts(url, last, watch, step, now);
        if (last != null && last.passed()) {
            LOG.infof("%s: %s answered %s", planned.stepId(), url, last.describe());
            journal.publish(run, PlanEventKind.STEP_CONFIRMED, planned.stepId(), Map.of(PlanFold.FACTS, facts, PlanFold.AT, now),
                    out);
            return new Verdict.Passed();
        }
        if (step.waitingSince().plus(timeout).isBefore(now)) {
            return failed(run, step, application, url, timeout, last, facts, now, out);
        }
        if (last != null) {
            synchronized (run) {
                step.waiting(step.waitingSince(), "a 2xx answer from " + url + "; last: " + last.describe() + " (probe "
                        + watch.attempts() + ")");
            }
        }
        probeIfDue(run, watch, url, timeout, now);
        return new Verdict.Waiting();
    }

    private static Map<String, Object> facts(String url, HealthProbe.Result last, HealthProbe.Watch watch, StepRun step,
            Instant now) {
        return StepContracts.facts(new PlannerFacts.CheckHealth(url, last == null ? null : last.status(),
                last == null ? null : last.error(), watch.attempts(), Duration.between(step.waitingSince(), now).toMillis()));
    }

    private void probeIfDue(PlanRun run, HealthProbe.Watch watch, String url, Duration timeout, Instant now) {
        boolean due;
        synchronized (run) {
            due = watch.due(now, PROBE_INTERVAL);
            if (due) {
                watch.started(now);
            }
        }
        if (due) {
            Duration requestTimeout = timeout.compareTo(PROBE_TIMEOUT) < 0 ? timeout : PROBE_TIMEOUT;
            probe.probe(URI.create(url), requestTimeout, result -> {
                synchronized (run) {
                    watch.finished(result);
                }
            });
        }
    }

    private Verdict failed(PlanRun run, StepRun step, String application, String url, Duration timeout,
            HealthProbe.Result last, Map<String, Object> facts, Instant now, PlanOutbox out) {
        String stepId = step.planned().stepId();
        List<String> notSwitched = run.steps().stream()
                .filter(s -> (s.planned().type() == StepType.SWITCH_DNS || s.planned().type() == StepType.FLIP_BACK)
                        && s.state() == StepState.PENDING)
                .map(s -> ((StepParameters.OfApplication) s.planned().parameters()).application()).toList();
        String why = "application '" + application + "': health check " + url + " did not answer 2xx within "
                + DurationText.format(timeout) + "; last: " + (last == null ? "no answer yet" : last.describe());
        String state = "DNS of '" + application + "' already points at the new master; not switched: " + notSwitched;
        LOG.warnf("%s: %s", stepId, why);
        journal.publish(run, PlanEventKind.STEP_FAILED, stepId, Map.of(PlanFold.REASON, why, PlanFold.RETRYABLE, false,
                PlanFold.STATE, state, PlanFold.FACTS, facts, PlanFold.AT, now), out);
        return new Verdict.Failed(stepId + ": " + why + "; the sequence stopped, nothing was rolled back (DNS already"
                + " moved); " + state);
    }
}
