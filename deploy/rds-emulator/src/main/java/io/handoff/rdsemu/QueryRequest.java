package io.handoff.rdsemu;

import io.handoff.awsemu.UrlParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One AWS Query protocol request as the operations see it: the form parameters of the POST body
 * ({@code Action=ModifyDBCluster&Version=2014-10-31&DBClusterIdentifier=...}), decoded.
 *
 * <p>Lists arrive flattened with 1-based indexes under the list's name and its member name, as the SDK's
 * Query marshaller writes them, e.g. {@code VpcSecurityGroupIds.VpcSecurityGroupId.1=sg-1}; {@link #list}
 * accepts any member name ({@code member} included) and orders by index.
 */
record QueryRequest(Map<String, String> params) {

    /** The API version every RDS request carries. */
    static final String VERSION = "2014-10-31";

    QueryRequest {
        params = Map.copyOf(params);
    }

    /** Parses an {@code application/x-www-form-urlencoded} body; the first value of a repeated name wins. */
    static QueryRequest parse(String body) {
        return new QueryRequest(UrlParams.form(body));
    }

    /** The {@code Action} parameter. */
    String action() {
        String action = param("Action");
        if (action == null) {
            throw RdsError.missingParameter("Action");
        }
        return action;
    }

    /** The parameter's value, or null if absent or empty. */
    String param(String name) {
        String v = params.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The parameter's value; {@code MissingParameter} when absent. */
    String required(String name) {
        String v = param(name);
        if (v == null) {
            throw RdsError.missingParameter(name);
        }
        return v;
    }

    /** A boolean parameter ({@code true}/{@code false}); {@code dflt} when absent. */
    boolean bool(String name, boolean dflt) {
        String v = param(name);
        if (v == null) {
            return dflt;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw RdsError.invalidParameter("Invalid value for " + name + ": " + v + " (true or false)");
        }
        return Boolean.parseBoolean(v);
    }

    /** The members of a flattened list parameter in index order; empty when absent. */
    List<String> list(String name) {
        TreeMap<Integer, String> members = new TreeMap<>();
        String prefix = name + ".";
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(prefix)) {
                continue;
            }
            String rest = key.substring(prefix.length());
            int dot = rest.lastIndexOf('.');
            try {
                members.put(Integer.parseInt(rest.substring(dot + 1)), e.getValue());
            } catch (NumberFormatException ex) {
                throw RdsError.invalidParameter("Invalid list parameter " + key);
            }
        }
        return new ArrayList<>(members.values());
    }

    /**
     * Refuses parameters an operation does not emulate, so that a caller relying on one learns it at once
     * instead of getting a silently different behaviour. {@code Action} and {@code Version} are always allowed.
     */
    void onlyKnown(Set<String> names, Set<String> lists) {
        for (String key : params.keySet()) {
            if (key.equals("Action") || key.equals("Version") || names.contains(key)) {
                continue;
            }
            int dot = key.indexOf('.');
            if (dot > 0 && lists.contains(key.substring(0, dot))) {
                continue;
            }
            throw RdsError.invalidParameter("The parameter " + key + " is not emulated for " + params.get("Action"));
        }
    }
}
