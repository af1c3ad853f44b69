package io.handoff.dns.route53;

/**
 * A hosted zone as a command named it and as Route 53 identifies it.
 *
 * @param label the zone as the command gave it (name or id), for reports
 * @param id    the bare hosted zone id ({@code Z...})
 */
public record ZoneRef(String label, String id) {
}
