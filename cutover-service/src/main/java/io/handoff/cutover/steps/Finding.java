package io.handoff.cutover.steps;

import io.handoff.common.step.CutoverFacts;

/**
 * One problem PRECHECK found.
 *
 * @param severity BLOCKING stops the plan; WARNING is reported and the plan goes on
 * @param check    which check found it ({@code binlog}, {@code binlog_format}, {@code server_id}, ...)
 * @param cluster  the cluster it is about (both, for a comparison, as {@code source/target})
 * @param detail   what is wrong and what to do, without secrets
 */
record Finding(Severity severity, String check, String cluster, String detail) {

    enum Severity {
        BLOCKING, WARNING
    }

    static Finding blocking(String check, String cluster, String detail) {
        return new Finding(Severity.BLOCKING, check, cluster, detail);
    }

    static Finding warning(String check, String cluster, String detail) {
        return new Finding(Severity.WARNING, check, cluster, detail);
    }

    boolean blocking() {
        return severity == Severity.BLOCKING;
    }

    /** As PRECHECK reports it: {severity, check, cluster, detail}. */
    CutoverFacts.Finding fact() {
        return new CutoverFacts.Finding(severity.name(), check, cluster, detail);
    }

    @Override
    public String toString() {
        return severity + " " + check + " on " + cluster + ": " + detail;
    }
}
