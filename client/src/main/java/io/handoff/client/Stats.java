package io.handoff.client;

/**
 * What a {@link HandoffDataSource} did since it was built.
 *
 * @param heldStatements     statements and connection requests that waited for a fence to end
 * @param heldTooLong        of those, the ones failed with {@link HeldTooLongException} (never sent)
 * @param retriedStatements  statements refused as read-only before they ran and run again on the master
 * @param swappedConnections physical connections replaced under an application's connection between two statements
 * @param moves              times the master's endpoint changed
 * @param staleEventsIgnored events not newer than the last applied one (replayed, duplicated or late)
 * @param currentEndpoint    where connections go now
 * @param lastEventKind      the last applied event's kind, or null before the first
 * @param lastEventEpoch     its fencing epoch, or 0
 * @param lastPlanId         its plan, or null
 * @param streamConnected    whether the planner's event stream is open now
 */
public record Stats(long heldStatements, long heldTooLong, long retriedStatements, long swappedConnections, long moves,
        long staleEventsIgnored, Endpoint currentEndpoint, MasterEvent.Kind lastEventKind, long lastEventEpoch,
        String lastPlanId, boolean streamConnected) {
}
