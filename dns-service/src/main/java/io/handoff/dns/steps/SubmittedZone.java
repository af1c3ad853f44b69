package io.handoff.dns.steps;

import io.handoff.dns.route53.SubmittedChange;

/** A zone whose batch Route 53 accepted. */
record SubmittedZone(ZoneSwitch zone, SubmittedChange change) {
}
