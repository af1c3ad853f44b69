package io.handoff.demo;

/** The four services, as packaged processes. */
public enum HandoffService {
    PLANNER("planner-service", false),
    REPLICATION_MONITOR("replication-monitor", true),
    CUTOVER("cutover-service", true),
    DNS("dns-service", false);

    private final String module;
    private final boolean usesDatabases;

    HandoffService(String module, boolean usesDatabases) {
        this.module = module;
        this.usesDatabases = usesDatabases;
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
