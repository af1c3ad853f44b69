package io.handoff.common.topic;

import java.util.List;

/**
 * Kafka topic names of handoff: the only place they are spelled. Every topic but {@link #APPLICATIONS} is
 * keyed by plan id, so that one plan's records stay in order on one partition; {@link #APPLICATIONS} is keyed
 * by application, so that one application's records stay in order across the plans that flip it.
 *
 * <p>Topics with their content:
 * <ul>
 *   <li>{@link #PLANS}: {@code PlanEvent}s, the plan's own event log (planner to planner and audit);</li>
 *   <li>{@link #COMMANDS_CUTOVER}, {@link #COMMANDS_DNS}, {@link #COMMANDS_MONITOR}: {@code StepCommand}s
 *       from the planner to one executor service each;</li>
 *   <li>{@link #STEP_EVENTS}: {@code StepEvent}s (started, succeeded, failed) from executors to the planner;</li>
 *   <li>{@link #REPLICATION_LAG}: {@code LagSample}s from the monitor;</li>
 *   <li>{@link #REPLICATION_DRIFT}: {@code DriftReport}s from the monitor;</li>
 *   <li>{@link #APPLICATIONS}: {@code ApplicationEvent}s from the planner to the applications (fence started,
 *       new master writable, rolled back).</li>
 * </ul>
 */
public final class Topics {

    /** The plan event log: submitted, step scheduled/confirmed/failed, gate passed, completed, aborted. */
    public static final String PLANS = "handoff.plans";
    /** Step commands for the cutover service (every SQL side effect). */
    public static final String COMMANDS_CUTOVER = "handoff.commands.cutover";
    /** Step commands for the DNS service (Route 53). */
    public static final String COMMANDS_DNS = "handoff.commands.dns";
    /** Step commands for the replication monitor. */
    public static final String COMMANDS_MONITOR = "handoff.commands.monitor";
    /** Confirmations and failures of step commands, from every executor. */
    public static final String STEP_EVENTS = "handoff.step-events";
    /** Replication lag samples. */
    public static final String REPLICATION_LAG = "handoff.replication.lag";
    /** Row drift between source and target. */
    public static final String REPLICATION_DRIFT = "handoff.replication.drift";

    /** What applications follow: where their master is, keyed by application. */
    public static final String APPLICATIONS = "handoff.applications";

    private static final List<String> ALL = List.of(
            PLANS, COMMANDS_CUTOVER, COMMANDS_DNS, COMMANDS_MONITOR, STEP_EVENTS, REPLICATION_LAG, REPLICATION_DRIFT,
            APPLICATIONS);

    private Topics() {
    }

    /** Every topic, for creating them at start-up; an unmodifiable list without duplicates. */
    public static List<String> all() {
        return ALL;
    }
}
