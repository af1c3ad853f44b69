package io.handoff.dns.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.step.DnsFacts;

/**
 * Names of params of dns-service's steps beyond those in {@link StepParams}, kept here until the planner writes them
 * (then they move to {@link StepParams}). Their facts are records ({@link DnsFacts}), named by their components. What
 * each step expects:
 *
 * <table>
 * <caption>DNS steps</caption>
 * <tr><th>step</th><th>params</th><th>facts on success</th></tr>
 * <tr><td>SWITCH_DNS</td><td>application, records (see {@link SwitchDnsRequest}), maxTtlSeconds (optional,
 *     {@link #MAX_TTL_SECONDS})</td>
 *     <td>{@link DnsFacts.SwitchDns}: application, zones, oldValues, newValues, records (before and after, what
 *     FLIP_BACK restores), insyncMs, alreadyApplied, sdkRetries, dnsVerified</td></tr>
 * <tr><td>FLIP_BACK</td><td>application, switchFacts (the facts of the SWITCH_DNS step that succeeded)</td>
 *     <td>{@link DnsFacts.FlipBack}: as SWITCH_DNS, with old and new swapped</td></tr>
 * <tr><td>LOWER_TTL</td><td>application, records ({zone, name, type, setIdentifier?}), ttl</td>
 *     <td>{@link DnsFacts.LowerTtl}: as SWITCH_DNS, plus oldTtls (each record with its TTL before)</td></tr>
 * <tr><td>RESTORE_TTL</td><td>application, records: LOWER_TTL's oldTtls ({zone, name, type, setIdentifier?, ttl})</td>
 *     <td>{@link DnsFacts.RestoreTtl}: as SWITCH_DNS</td></tr>
 * </table>
 */
public final class DnsParams {
    /**
     * SWITCH_DNS (optional): the highest TTL, in seconds, a record about to be switched may have in force.
     * When given, the step reads each record's current TTL before writing anything and, if any is above it,
     * fails terminally naming each such record, its TTL and the maximum (run LOWER_TTL first, and wait the
     * old TTL), changing nothing.
     */
    public static final String MAX_TTL_SECONDS = "maxTtlSeconds";
    /** FLIP_BACK: the facts of the SWITCH_DNS step being undone ({@link DnsFacts.SwitchDns}). */
    public static final String SWITCH_FACTS = "switchFacts";
    /** LOWER_TTL: the TTL to lower the records to, seconds. */
    public static final String TTL = StepParams.TTL;
    /** Record entry: several values (A), instead of {@code value}. */
    public static final String VALUES = "values";
    /** Record entry: the values expected before the switch, instead of {@code previousValue}. */
    public static final String PREVIOUS_VALUES = "previousValues";
    /** Record entry: alias target {hostedZoneId, dnsName, evaluateTargetHealth}, instead of value and ttl. */
    public static final String ALIAS = "alias";
    /** Alias target: the target's hosted zone id. */
    public static final String ALIAS_HOSTED_ZONE_ID = "hostedZoneId";
    /** Alias target: the target name. */
    public static final String ALIAS_DNS_NAME = "dnsName";
    /** Alias target: whether Route 53 evaluates the target's health. */
    public static final String ALIAS_EVALUATE_TARGET_HEALTH = "evaluateTargetHealth";
    /** Record entry: the set identifier of a weighted record. */
    public static final String SET_IDENTIFIER = "setIdentifier";
    /** Record entry: the weight of a weighted record (0 to 255). */
    public static final String WEIGHT = "weight";

    private DnsParams() {
    }
}
