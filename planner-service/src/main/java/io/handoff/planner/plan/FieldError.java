package io.handoff.planner.plan;

/**
 * One thing wrong with a plan.
 *
 * @param field   path of the field, e.g. {@code applications[0].records[1].ttl}
 * @param message what is wrong and what is accepted
 */
public record FieldError(String field, String message) {
}
