package io.handoff.kit.ledger;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reserved {@link StepEvent#facts()} entries that executors add to their own events, so that
 * {@code handoff.step-events} alone rebuilds an executor's {@link ExecutionLedger} after a restart.
 * Keys start with an underscore and are not step results; readers of facts ignore them.
 *
 * <ul>
 *   <li>{@value #STEP_TYPE}: the command's {@link StepType} name, on every STARTED and terminal event
 *       (tells which executor ran it);</li>
 *   <li>{@value #FENCING_EPOCH} and {@value #FENCED_SCOPES}: the command's fencing epoch and the
 *       {@link FenceScope#key() scopes} it touches, on the STARTED and terminal events of a command that
 *       passed the fencing check (so the epoch counts as applied from the moment the command started).
 *       A command refused as stale carries neither.</li>
 * </ul>
 */
public final class LedgerFacts {
    /** Reserved fact: the command's step type. */
    public static final String STEP_TYPE = "_stepType";
    /** Reserved fact: the fencing epoch the command applied. */
    public static final String FENCING_EPOCH = "_fencingEpoch";
    /** Reserved fact: the scopes (list of {@code kind:name}) the epoch was applied to. */
    public static final String FENCED_SCOPES = "_fencedScopes";

    private LedgerFacts() {
    }

    /** An epoch applied to scopes, as read from an event. */
    public record Applied(long epoch, List<FenceScope> scopes) {
    }

    /** {@code facts} plus the step type of {@code command}. */
    public static Map<String, Object> refused(StepCommand command, Map<String, ?> facts) {
        Map<String, Object> all = new LinkedHashMap<>(facts);
        all.put(STEP_TYPE, command.type().name());
        return all;
    }

    /** {@code facts} plus the step type, fencing epoch and scopes of an admitted {@code command}. */
    public static Map<String, Object> admitted(StepCommand command, List<FenceScope> scopes, Map<String, ?> facts) {
        Map<String, Object> all = refused(command, facts);
        all.put(FENCING_EPOCH, command.fencingEpoch());
        all.put(FENCED_SCOPES, scopes.stream().map(FenceScope::key).toList());
        return all;
    }

    /** The step type an event reports on, when it says (events of older executors do not). */
    public static Optional<StepType> stepType(StepEvent event) {
        if (event.facts().get(STEP_TYPE) instanceof String name) {
            try {
                return Optional.of(StepType.valueOf(name));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The epoch and scopes an event says its command applied; empty when it says none. */
    public static Optional<Applied> applied(StepEvent event) {
        if (!(event.facts().get(FENCING_EPOCH) instanceof Number epoch)
                || !(event.facts().get(FENCED_SCOPES) instanceof List<?> keys)) {
            return Optional.empty();
        }
        List<FenceScope> scopes = new ArrayList<>();
        for (Object key : keys) {
            try {
                scopes.add(FenceScope.parse(String.valueOf(key)));
            } catch (IllegalArgumentException e) {
                // Not a scope this executor wrote: it cannot fence anything.
            }
        }
        return Optional.of(new Applied(epoch.longValue(), List.copyOf(scopes)));
    }
}
