package io.handoff.planner.dashboard;

import io.handoff.common.topic.Topics;
import io.handoff.kit.config.KafkaClientSettings;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * The topics the planner streams: the monitor's lag samples of the last minutes and drift reports of the
 * last day, per plan, as the dashboard shows them, and the applications' events of the last week, per
 * application, as their clients follow them. Both tails start with the planner (a few records a second), so the recent
 * history is already in memory when an operator opens a plan. Thread-safe.
 */
@ApplicationScoped
public class DashboardFeeds {
    /** Lag history a new watcher gets: the chart's width. */
    static final Duration LAG_LOOK_BACK = Duration.ofMinutes(5);
    /** At 5 samples per second, five minutes of one plan. */
    static final int LAG_PER_PLAN = 1500;
    static final Duration DRIFT_LOOK_BACK = Duration.ofDays(1);
    static final int DRIFT_PER_PLAN = 500;
    /** An application's events of the last week: a client that connects learns where its master is now. */
    static final Duration APPLICATION_LOOK_BACK = Duration.ofDays(7);
    static final int APPLICATION_EVENTS_KEPT = 32;

    private final KafkaClientSettings kafka;
    private TopicTail lag;
    private TopicTail drift;
    private TopicTail applications;
    private boolean closed;

    public DashboardFeeds(KafkaClientSettings kafka) {
        this.kafka = kafka;
    }

    void onStart(@Observes StartupEvent started) {
        lag();
        drift();
        applications();
    }

    /** {@code handoff.replication.lag}: LagSample JSON values. */
    synchronized TopicTail lag() {
        if (lag == null) {
            lag = started(Topics.REPLICATION_LAG, LAG_LOOK_BACK, LAG_PER_PLAN);
        }
        return lag;
    }

    /** {@code handoff.replication.drift}: DriftReport JSON values. */
    synchronized TopicTail drift() {
        if (drift == null) {
            drift = started(Topics.REPLICATION_DRIFT, DRIFT_LOOK_BACK, DRIFT_PER_PLAN);
        }
        return drift;
    }

    /** {@code handoff.applications}: ApplicationEvent JSON values, keyed by application (not by plan). */
    synchronized TopicTail applications() {
        if (applications == null) {
            applications = started(Topics.APPLICATIONS, APPLICATION_LOOK_BACK, APPLICATION_EVENTS_KEPT);
        }
        return applications;
    }

    /**
     * An application event the planner has just committed to {@code handoff.applications}: its clients get it now; the
     * same record read back from the topic later is not given twice.
     */
    void onAnnounced(@Observes io.handoff.common.event.ApplicationEvent event) {
        applications().offer(event.application(), io.handoff.common.json.Json.toJson(event));
    }

    private TopicTail started(String topic, Duration lookBack, int perPlan) {
        if (closed) {
            throw new IllegalStateException("the planner is stopping");
        }
        TopicTail tail = new TopicTail(kafka, topic, lookBack, perPlan);
        tail.start();
        return tail;
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        if (lag != null) {
            lag.close();
        }
        if (drift != null) {
            drift.close();
        }
        if (applications != null) {
            applications.close();
        }
    }
}
