package io.handoff.common.sql;

import java.util.List;
import java.util.Locale;

/** The schemas that belong to the server itself: no plan seeds, snapshots, compares or names them. */
public final class SystemSchemas {
    /** Their names, lower case, as information_schema spells them. */
    public static final List<String> NAMES = List.of("mysql", "information_schema", "performance_schema", "sys");

    private SystemSchemas() {
    }

    /** {@code true} when {@code schema} (any case) is one of {@link #NAMES}. */
    public static boolean contains(String schema) {
        return schema != null && NAMES.contains(schema.toLowerCase(Locale.ROOT));
    }
}
