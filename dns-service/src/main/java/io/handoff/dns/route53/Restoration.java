package io.handoff.dns.route53;

import java.util.Optional;

/**
 * How to undo one applied record: put the original back, or delete the record if there was none.
 *
 * @param applied  what the switch wrote
 * @param original what Route 53 held before, empty when the record did not exist
 */
public record Restoration(RecordSpec applied, Optional<RecordSnapshot> original) {
}
