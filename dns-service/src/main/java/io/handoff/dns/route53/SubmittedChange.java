package io.handoff.dns.route53;

/**
 * A change batch Route 53 accepted.
 *
 * @param changeId         bare change id ({@code C...})
 * @param submittedAtNanos {@link System#nanoTime()} just before submission, to time propagation from
 */
public record SubmittedChange(String changeId, long submittedAtNanos) {
}
