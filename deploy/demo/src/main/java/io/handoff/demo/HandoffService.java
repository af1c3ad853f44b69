package io.handoff.demo;

import io.handoff.common.topic.HandoffAcls;

/** The four services, as packaged processes. */
public enum HandoffService {
    PLANNER("planner-service", false, HandoffAcls.PLANNER),
    REPLICATION_MONITOR("replication-monitor", true, HandoffAcls.MONITOR),
    CUTOVER("cutover-service", true, HandoffAcls.CUTOVER),
    DNS("dns-service", false, HandoffAcls.DNS);

    private final String module;
    private final boolean usesDatabases;
    private final String kafkaPrincipal;

    HandoffService(String module, boolean usesDatabases, String kafkaPrincipal) {
        this.module = module;
        this.usesDatabases = usesDatabases;
        this.kafkaPrincipal = kafkaPrincipal;
    }

    /** The Kafka principal the service connects as when the stack's broker is secured ({@code HandoffAcls}). */
    public String kafkaPrincipal() {
        return kafkaPrincipal;
    }

    /** The Maven module, also the folder holding {@code target/quarkus-app/quarkus-run.jar}. */
    public String module() {
        return module;
    }

    /** Whether the service gets the cluster registry (with passwords); the others never see it. */
    public boolean usesDatabases() {
        return usesDatabases;
    }
}
