package io.handoff.planner.api;

/** The planner's roles: operators change plans, viewers read them. */
public final class Roles {
    /** Submits plans, flips back, declares the point of no return. */
    public static final String OPERATOR = "operator";
    /** Reads plans. */
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
