package io.handoff.planner.api;

/** The planner's roles: operators change plans, viewers read them, applications follow their events. */
public final class Roles {
    /** Submits plans, flips back, declares the point of no return. */
    public static final String OPERATOR = "operator";
    /** Reads plans. */
    public static final String VIEWER = "viewer";
    /** An application's client library: reads the applications' events ({@code /applications/{name}/events}) only. */
    public static final String APPLICATION = "application";

    private Roles() {
    }
}
