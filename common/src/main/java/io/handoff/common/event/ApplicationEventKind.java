package io.handoff.common.event;

/**
 * What an {@link ApplicationEvent} tells an application about its database's master, in the order a flip
 * produces them. {@link #rank()} orders the kinds of one fencing epoch: a client applies an event only when
 * it is newer than the last one it applied by {@code (fencingEpoch, rank)}, so a replayed or late event
 * never undoes a newer one.
 */
public enum ApplicationEventKind {
    /** The flip from the event's source to its target begins: the source is about to refuse writes. Hold them. */
    FENCE_STARTED(1),
    /** The target is the writable master: send writes there. */
    MASTER_WRITABLE(2),
    /** The flip was undone: the source is the writable master again. */
    ROLLED_BACK(3);

    private final int rank;

    ApplicationEventKind(int rank) {
        this.rank = rank;
    }

    /** Order of this kind within one fencing epoch, from 1. */
    public int rank() {
        return rank;
    }
}
