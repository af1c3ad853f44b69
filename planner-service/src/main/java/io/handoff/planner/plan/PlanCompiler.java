package io.handoff.planner.plan;

import io.handoff.common.event.Executor;
import io.handoff.common.event.StepParams;
import io.handoff.common.step.FactBinding;
import io.handoff.common.step.StepParameters;
import io.handoff.common.step.StepParameters.Strategies;
import io.handoff.common.event.StepType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles a {@link FlipPlan} into its steps (docs/DESIGN.md, "The procedure"), A = source, B = target.
 *
 * <p>The prepare phase: PRECHECK(B, A), RETAIN_BINLOG(A), SEED(B from A), START_REPLICATION(B from A, at
 * SEED's position), START_MONITOR(B from A), WAIT_CAUGHT_UP (decided by the planner from the lag
 * samples, see {@link PlannedStep#decidedByPlanner()}), VERIFY(B against A) unless the plan opts out;
 * a plan without a flip then ends with STOP_MONITOR. Nothing in it fences writes.
 *
 * <p>The flip: FLUSH_TABLES(A), READ_ONLY(A), READ_ONLY(B), KILL_CONNECTIONS(A), FLUSH_TABLES(A),
 * WAIT_SYNC(B from A), STOP_REPLICA(B), CAPTURE_POSITION(B), then in the writable-first order WRITABLE(B) and
 * SWITCH_DNS per application; in the dns-first order the SWITCH_DNS steps come right after CAPTURE_POSITION and
 * WRITABLE(B) after them. Then, with nothing of the applications' switch waiting on A: the optional SNAPSHOT(A)
 * (A fenced at its final position, outside the write-blocked window), RESET_REPLICA(A), REVERSE_REPLICATION(A
 * from B), RESET_REPLICA(B). A writable-first plan whose applications name health checks switches them after
 * RESET_REPLICA(B) instead, so that A already replicates from B should a check stop the switches half-way. The SQL steps from READ_ONLY(A) on go to cutover-service as FENCE commands
 * ({@link #fences}). With a lag gate READ_ONLY(A) waits for the gate, and a flip-only plan starts with
 * START_MONITOR(B from A); the monitor is stopped after the last switch. READ_ONLY, KILL_CONNECTIONS,
 * WRITABLE and ROLLBACK carry the plan's strategies. After each SWITCH_DNS (or FLIP_BACK) of an
 * application that names a health check comes its CHECK_HEALTH, decided by the planner, before the next
 * application switches.
 *
 * <p>The after phase: the point of no return (RESET_REPLICA(A), ending reverse replication), held until
 * the operator approves {@value StepGate#POINT_OF_NO_RETURN_APPROVAL}, then DECOMMISSION(A) with the plan's
 * strategies. Without it the point of no return is the separate step the operator may run once the plan
 * completed. A flip-only plan compiles exactly as before the prepare and after phases existed (same steps,
 * same ids). Pure.
 */
public final class PlanCompiler {

    /**
     * The compiled steps, the ROLLBACK step used when a step before the first SWITCH_DNS fails, the step
     * that ends reverse replication when the operator declares the point of no return (one of the steps
     * with the after phase), and the STOP_MONITOR that stops the monitor when the prepare phase fails after
     * START_MONITOR ({@code cleanup}).
     */
    public record Compiled(List<PlannedStep> steps, PlannedStep rollback, PlannedStep pointOfNoReturn, PlannedStep cleanup,
            List<List<String>> fences) {
        public Compiled {
            steps = List.copyOf(steps);
            fences = fences.stream().map(List::copyOf).toList();
        }
    }

    /** Id of the point of no return when the plan has no after phase. */
    public static final String POINT_OF_NO_RETURN = "point-of-no-return";
    /** Id of the STOP_MONITOR sent when the prepare phase fails after START_MONITOR. */
    public static final String CLEANUP = "cleanup-stop-monitor";

    /** WAIT_CAUGHT_UP's params (shown, not sent: the planner decides the step): the lag threshold, ms. */
    public static final String CAUGHT_UP_MAX_LAG_MS = "maxLagMs";
    /** WAIT_CAUGHT_UP: how long the lag must stay at most the threshold, ms. */
    public static final String CAUGHT_UP_FOR_MS = "caughtUpForMs";

    public Compiled compile(FlipPlan plan) {
        Builder steps = new Builder();
        String a = plan.source();
        String b = plan.target();
        Strategies strategies = new Strategies(plan.readOnly(), plan.kill());
        steps.phase = plan.prepares() ? Phase.PREPARE : Phase.FLIP;
        Map<String, String> lowered = new LinkedHashMap<>();
        if (plan.prepares()) {
            prepare(steps, plan, strategies, lowered);
            if (!plan.flips()) {
                steps.add(new StepParameters.StopMonitor(b, a), "target");
            }
        }
        if (plan.flips()) {
            if (!plan.prepares() && plan.lowerTtl()) {
                lowered.putAll(lowerTtls(steps, plan));
            }
            flip(steps, plan, strategies);
        }
        PlannedStep rollback = new PlannedStep("rollback", new StepParameters.Rollback(a, b, plan.exemptUsers(), strategies,
                replicationSsl(plan), null), List.of(), null, Phase.FLIP);
        // A stops replicating from B: from then on a flip back would lose B's writes, so it is refused.
        PlannedStep pointOfNoReturn;
        if (plan.flips() && plan.retires()) {
            steps.phase = Phase.AFTER;
            String id = steps.add(new StepParameters.ResetReplica(a), POINT_OF_NO_RETURN, "source", List.of(),
                    StepGate.pointOfNoReturn());
            pointOfNoReturn = steps.steps.stream().filter(step -> step.stepId().equals(id)).findFirst().orElseThrow();
            steps.add(new StepParameters.Decommission(a, strategies, plan.exemptUsers()), "source");
        } else {
            pointOfNoReturn = new PlannedStep(POINT_OF_NO_RETURN, new StepParameters.ResetReplica(a), List.of(), null, Phase.FLIP);
        }
        lowered.forEach((application, lowerTtl) -> steps.add(new StepParameters.RestoreTtl(application, null), application,
                List.of(FactBinding.oldTtls(lowerTtl))));
        PlannedStep cleanup = new PlannedStep(CLEANUP, new StepParameters.StopMonitor(b, a), List.of(), null, Phase.PREPARE);
        return new Compiled(steps.steps, rollback, pointOfNoReturn, cleanup, fences(steps.steps));
    }

    /**
     * The steps sent as one command, by id: from the old master's READ_ONLY on, each maximal run of at least two
     * consecutive flip steps that cutover-service executes (one {@link StepType#FENCE} command, run one after the other),
     * and each run of at least two consecutive application switches (SWITCH_DNS or FLIP_BACK) that no health check
     * separates (one {@link StepType#DNS_SWITCHES} command, run at once). A run breaks before any step with a gate (the
     * planner checks a gate right before it sends the step, so a gated step begins one) and where the service changes.
     * The window between READ_ONLY and WRITABLE then holds no Kafka round trip between the SQL steps, and every
     * application's records move at once.
     */
    static List<List<String>> fences(List<PlannedStep> steps) {
        List<List<String>> fences = new ArrayList<>();
        List<String> current = new ArrayList<>();
        Executor running = null;
        boolean fencing = false;
        for (PlannedStep step : steps) {
            fencing |= step.phase() == Phase.FLIP && step.type() == StepType.READ_ONLY;
            Executor executor = fencing && step.phase() == Phase.FLIP ? carriedBy(step) : null;
            if (executor == null || executor != running || step.gate() != null) {
                close(fences, current);
            }
            running = executor;
            if (executor != null) {
                current.add(step.stepId());
            }
        }
        close(fences, current);
        return fences;
    }

    /** The service whose FENCE or DNS_SWITCHES command may carry {@code step}, or null when it goes alone. */
    private static Executor carriedBy(PlannedStep step) {
        if (step.type() == StepType.SWITCH_DNS || step.type() == StepType.FLIP_BACK) {
            return Executor.DNS;
        }
        return step.type().executor() == Executor.CUTOVER ? Executor.CUTOVER : null;
    }

    private static void close(List<List<String>> fences, List<String> current) {
        if (current.size() > 1) {
            fences.add(List.copyOf(current));
        }
        current.clear();
    }

    /**
     * LOWER_TTL of each application's records (not those a flip back switches) to the lowest TTL the plan gives them,
     * early, so that resolvers hold the old answer for as short a time as the switch needs by the time it comes (in a
     * plan with a prepare phase, the seed's hours): right after PRECHECK in a plan that prepares (a refused PRECHECK
     * changes nothing, DNS included), first in a plan that only flips; by application, the LOWER_TTL step whose facts
     * RESTORE_TTL takes.
     */
    private static Map<String, String> lowerTtls(Builder steps, FlipPlan plan) {
        Map<String, String> lowered = new LinkedHashMap<>();
        for (FlipPlan.Application app : plan.applications()) {
            if (app.switchBackFacts() != null || app.records().isEmpty()) {
                continue;
            }
            List<StepParameters.NamedRecord> records = app.records().stream()
                    .map(record -> new StepParameters.NamedRecord(record.zone(), record.name(), record.type())).toList();
            int ttl = app.records().stream().mapToInt(FlipPlan.DnsRecord::ttl).min().orElseThrow();
            lowered.put(app.name(), steps.add(new StepParameters.LowerTtl(app.name(), records, ttl), app.name()));
        }
        return lowered;
    }

    private static void prepare(Builder steps, FlipPlan plan, Strategies strategies, Map<String, String> lowered) {
        steps.phase = Phase.PREPARE;
        String a = plan.source();
        String b = plan.target();
        FlipPlan.Prepare prepare = plan.prepare();
        List<String> schemas = prepare.schemas().isEmpty() ? null : prepare.schemas();
        steps.add(new StepParameters.Precheck(b, a, strategies, schemas), "target");
        if (plan.lowerTtl()) {
            lowered.putAll(lowerTtls(steps, plan));
        }
        steps.add(new StepParameters.RetainBinlog(a, prepare.retainBinlog().toSeconds()), "source");
        String seed = steps.add(seed(a, b, prepare), "target");
        steps.add(new StepParameters.StartReplication(b, a, replicationSsl(plan), null, null), "target",
                List.of(FactBinding.position(seed)));
        steps.add(new StepParameters.StartMonitor(b, a, null, null), "target");
        FlipPlan.CaughtUp caughtUp = plan.caughtUp();
        steps.add(new StepParameters.WaitCaughtUp(b, a, caughtUp.maxLagMs(), caughtUp.holdFor().toMillis(),
                caughtUp.timeout().toMillis()), "target", List.of(), StepGate.caughtUp(caughtUp));
        if (prepare.verify()) {
            steps.add(new StepParameters.Verify(b, a, schemas), "target");
        }
    }

    private static StepParameters.Seed seed(String a, String b, FlipPlan.Prepare prepare) {
        FlipPlan.Seed seed = prepare.seed();
        return switch (seed.method()) {
            case "parallel", "mysqldump" -> new StepParameters.Seed(b, a, seed.method(), prepare.schemas(), null, null);
            case "xtrabackup" -> new StepParameters.Seed(b, a, seed.method(), null, seed.logLine(), null);
            case "external" -> new StepParameters.Seed(b, a, seed.method(), null, null, seed.position());
            default -> throw new IllegalArgumentException("seed method " + seed.method());
        };
    }

    private static void flip(Builder steps, FlipPlan plan, Strategies strategies) {
        steps.phase = Phase.FLIP;
        String a = plan.source();
        String b = plan.target();
        List<String> exempt = plan.exemptUsers();
        if (plan.lagGate() != null && !plan.prepares()) {
            steps.add(new StepParameters.StartMonitor(b, a, null, null), "target");
        }
        steps.add(new StepParameters.FlushTables(a), "source");
        // READ_ONLY(A) names B: a fence that could not be applied on B without replicating (account-lock without the
        // privilege to switch the binlog off) refuses the flip before A is fenced, not half-way through.
        steps.add(new StepParameters.ReadOnly(a, strategies, exempt, b), "source", List.of(), StepGate.readOnly(plan));
        steps.add(new StepParameters.ReadOnly(b, strategies, exempt, null), "target");
        steps.add(new StepParameters.KillConnections(a, exempt, strategies), "source");
        steps.add(new StepParameters.FlushTables(a), "source");
        // WAIT_SYNC, CAPTURE_POSITION and REVERSE_REPLICATION check that A is fenced, which under account-lock
        // means its application accounts are locked: they need the strategies and the exempt accounts too.
        steps.add(new StepParameters.WaitSync(b, a, plan.syncTimeout().toMillis(), strategies, exempt), "target");
        steps.add(new StepParameters.StopReplica(b), "target");
        // CAPTURE_POSITION names A: a redelivered fence that finds B writable already reads the position on A.
        String capture = steps.add(new StepParameters.CapturePosition(b, a, strategies, exempt), "target");
        if (plan.order() == FlipOrder.DNS_FIRST) {
            switchDns(steps, plan);
        }
        steps.add(new StepParameters.Writable(b, strategies, exempt), "target");
        // The applications move first, nothing between B's WRITABLE and their switch waits on A; unless a health check
        // may stop the switches half-way: then A replicates from B before the first switch, as the way back.
        boolean healthChecked = plan.applications().stream().anyMatch(app -> app.healthCheck() != null);
        if (plan.order() == FlipOrder.WRITABLE_FIRST && !healthChecked) {
            switchDns(steps, plan);
        }
        if (plan.snapshot()) {
            // A at its final position, outside the write-blocked window: A is fenced and unchanged until
            // REVERSE_REPLICATION, and A as a fallback would return to it.
            List<String> schemas = plan.prepare() != null && !plan.prepare().schemas().isEmpty() ? plan.prepare().schemas() : null;
            steps.add(new StepParameters.Snapshot(a, schemas), "source");
        }
        steps.add(new StepParameters.ResetReplica(a), "source");
        steps.add(new StepParameters.ReverseReplication(a, b, strategies, exempt, replicationSsl(plan), null), "source",
                List.of(FactBinding.position(capture)));
        steps.add(new StepParameters.ResetReplica(b), "target");
        if (plan.order() == FlipOrder.WRITABLE_FIRST && healthChecked) {
            switchDns(steps, plan);
        }
        if (plan.lagGate() != null || plan.prepares()) {
            // Last, so it never lengthens the write-blocked window; the monitor's heartbeat went stale at READ_ONLY.
            steps.add(new StepParameters.StopMonitor(b, a), "target");
        }
    }

    /**
     * {@code false} when the plan asks for plain replication, null otherwise ({@link StepParams#REPLICATION_SSL} is then
     * absent, and the executors encrypt).
     */
    private static Boolean replicationSsl(FlipPlan plan) {
        return plan.replicationSsl() ? null : Boolean.FALSE;
    }

    private static void switchDns(Builder steps, FlipPlan plan) {
        for (FlipPlan.Application app : plan.applications()) {
            if (app.switchBackFacts() != null) {
                steps.add(new StepParameters.FlipBack(app.name(), app.switchBackFacts()), app.name());
                checkHealth(steps, plan, app);
                continue;
            }
            List<StepParameters.SwitchedRecord> records = app.records().stream().map(record -> new StepParameters.SwitchedRecord(
                    record.zone(), record.name(), record.type(), record.ttl(), record.targetValue(), record.sourceValue()))
                    .toList();
            Long maxTtl = plan.maxTtlSeconds() == null ? null : plan.maxTtlSeconds().longValue();
            steps.add(new StepParameters.SwitchDns(app.name(), records, maxTtl), app.name());
            checkHealth(steps, plan, app);
        }
    }

    /** CHECK_HEALTH of {@code app} when it names a health check: decided by the planner, no command sent. */
    private static void checkHealth(Builder steps, FlipPlan plan, FlipPlan.Application app) {
        if (app.healthCheck() != null) {
            steps.add(new StepParameters.CheckHealth(app.name(), app.healthCheck(), plan.healthCheckTimeout().toMillis()),
                    app.name());
        }
    }

    private static final class Builder {
        private final List<PlannedStep> steps = new ArrayList<>();
        private Phase phase = Phase.FLIP;

        String add(StepParameters params, String subject) {
            return add(params, subject, List.of());
        }

        String add(StepParameters params, String subject, List<FactBinding> bindings) {
            return add(params, subject, bindings, null);
        }

        String add(StepParameters params, String subject, List<FactBinding> bindings, StepGate gate) {
            return add(params, params.type().name().toLowerCase(Locale.ROOT).replace('_', '-'), subject, bindings, gate);
        }

        /** A step whose id names {@code label} rather than its type. */
        String add(StepParameters params, String label, String subject, List<FactBinding> bindings,
                StepGate gate) {
            String stepId = String.format(Locale.ROOT, "%02d-%s-%s", steps.size() + 1, label,
                    subject.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
            steps.add(new PlannedStep(stepId, params, bindings, gate, phase));
            return stepId;
        }
    }
}
