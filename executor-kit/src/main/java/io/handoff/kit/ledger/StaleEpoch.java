package io.handoff.kit.ledger;

/**
 * Why a command is refused: its fencing epoch is older than one already applied to a scope it touches.
 *
 * @param scope        the scope where the newer epoch was applied
 * @param commandEpoch the command's epoch
 * @param appliedEpoch the highest epoch applied to {@code scope}
 */
public record StaleEpoch(FenceScope scope, long commandEpoch, long appliedEpoch) {

    /** The refusal as the FAILED step event states it. */
    public String reason() {
        return "stale fencing epoch " + commandEpoch + " < applied " + appliedEpoch + " for " + scope
                + "; nothing was changed";
    }
}
