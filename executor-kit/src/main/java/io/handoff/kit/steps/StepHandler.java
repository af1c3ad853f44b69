package io.handoff.kit.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import io.handoff.common.step.StepFacts;

/**
 * Runs one step type. A handler converges: it reads the current state, does only what is missing and
 * returns the facts, so that running it twice has the effect of running it once. It runs on a worker
 * thread, one command at a time per service instance.
 */
public interface StepHandler {

    /** The step type this handler runs; one handler per type per service. */
    StepType type();

    /**
     * Brings the world to the step's effect and returns the facts to report: the record of its
     * step type's facts ({@link io.handoff.common.step.StepContracts#factsOf}).
     *
     * @throws StepFailedException when the effect cannot be reached; says whether a retry may help
     *                             and in which state the databases or records were left
     */
    StepFacts execute(StepCommand command) throws StepFailedException;

    /**
     * {@code true} when this step, run again by a redelivered fence after later steps of the fence ran (its outcome lost
     * with the service), changes nothing they did: a fence that begins with it may then hold its outcome with its
     * window's events ({@link FenceRunner}). False by default: RESET_REPLICA of the old master, run again after the
     * fence's REVERSE_REPLICATION made it replicate, would undo that.
     */
    default boolean convergesAfterTheLaterStepsOfItsFence() {
        return false;
    }
}
