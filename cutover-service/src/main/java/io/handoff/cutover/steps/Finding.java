package io.handoff.cutover.steps;

import java.util.LinkedHashMap;
import java.util.Map;

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

    /** The fact form: {severity, check, cluster, detail}. */
    Map<String, Object> toFact() {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("severity", severity.name());
        fact.put("check", check);
        fact.put("cluster", cluster);
        fact.put("detail", detail);
        return fact;
    }

    @Override
    public String toString() {
        return severity + " " + check + " on " + cluster + ": " + detail;
    }
}
