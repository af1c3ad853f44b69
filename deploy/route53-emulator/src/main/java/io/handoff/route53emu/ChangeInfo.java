package io.handoff.route53emu;

import java.time.Instant;

/**
 * A submitted change (a change batch or a zone creation) and its propagation state.
 *
 * @param id           bare id, e.g. {@code C0ABC...} (the API reports it as {@code /change/C0ABC...})
 * @param submittedAt  when the change was accepted (and applied to the emulated DNS)
 * @param insyncAt     from this instant on the change reports {@code INSYNC}; fixed at submission
 * @param comment      the batch comment, may be null
 */
record ChangeInfo(String id, Instant submittedAt, Instant insyncAt, String comment) {

    /** {@code PENDING} before {@link #insyncAt()}, {@code INSYNC} from then on. */
    String statusAt(Instant now) {
        return now.isBefore(insyncAt) ? "PENDING" : "INSYNC";
    }
}
