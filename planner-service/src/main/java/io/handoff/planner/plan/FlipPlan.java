package io.handoff.planner.plan;

import java.time.Duration;
import java.util.List;

/**
 * A validated flip plan: A ({@code source}) is the current master, B ({@code target}) the new one.
 *
 * @param name         the operator's name for it
 * @param source       registry name of A
 * @param target       registry name of B
 * @param order        flip order
 * @param exemptUsers  accounts never killed (authentication stays up)
 * @param syncTimeout  how long WAIT_SYNC may wait for B to reach A's final position
 * @param applications applications whose records switch, in this order
 */
public record FlipPlan(String name, String source, String target, FlipOrder order, List<String> exemptUsers,
        Duration syncTimeout, List<Application> applications) {

    public FlipPlan {
        exemptUsers = List.copyOf(exemptUsers);
        applications = List.copyOf(applications);
    }

    /** An application and its records. */
    public record Application(String name, List<DnsRecord> records) {
        public Application {
            records = List.copyOf(records);
        }
    }

    /** A record with its value before ({@code sourceValue}) and after ({@code targetValue}) the flip. */
    public record DnsRecord(String zone, String name, String type, int ttl, String sourceValue, String targetValue) {
    }
}
