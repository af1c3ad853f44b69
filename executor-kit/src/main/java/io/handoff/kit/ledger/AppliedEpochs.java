package io.handoff.kit.ledger;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The fencing rule (invariant 5 of docs/DESIGN.md): the highest fencing epoch applied per {@link FenceScope},
 * and whether a command's epoch may still act there. A command is stale when its epoch is lower than
 * the epoch applied to any scope it touches; an equal epoch is the same plan and may act. Applying
 * only ever raises a scope's epoch. Not thread-safe: {@link ExecutionLedger} serialises access.
 *
 * <p>Memory: one entry per scope ever seen (clusters and applications, a few hundred at most); an
 * entry is never dropped, since forgetting it would let a stale command through.
 */
public final class AppliedEpochs {
    private final Map<FenceScope, Long> highest = new HashMap<>();

    /** The first scope of {@code scopes} where {@code epoch} is stale, if any. */
    public Optional<StaleEpoch> check(long epoch, Collection<FenceScope> scopes) {
        for (FenceScope scope : scopes) {
            Long applied = highest.get(scope);
            if (applied != null && epoch < applied) {
                return Optional.of(new StaleEpoch(scope, epoch, applied));
            }
        }
        return Optional.empty();
    }

    /** Records that a command of {@code epoch} acted on {@code scopes}; a lower epoch changes nothing. */
    public void apply(long epoch, Collection<FenceScope> scopes) {
        for (FenceScope scope : scopes) {
            highest.merge(scope, epoch, Math::max);
        }
    }

    /** The highest epoch applied to {@code scope}, if any. */
    public OptionalLong applied(FenceScope scope) {
        Long applied = highest.get(scope);
        return applied == null ? OptionalLong.empty() : OptionalLong.of(applied);
    }

    /** How many scopes have an applied epoch. */
    public int size() {
        return highest.size();
    }
}
