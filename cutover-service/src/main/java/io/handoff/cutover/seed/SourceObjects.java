package io.handoff.cutover.seed;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The definitions ({@link SeedDefinitions}) and triggers ({@link SeedTriggers}) of the seeded schemas on the source, as
 * read at one moment.
 *
 * <p>A seed reads them just before it opens its snapshot and again once it has copied the definitions, and begins again
 * when they differ: DDL committed between the snapshot and the definitions' copy lies after the snapshot's position, so
 * replication brings it too. A table, view, routine, event or trigger created in that window would reach the target
 * twice (by the copy and by replication, which stops on it); one dropped would be dropped twice; one altered, altered
 * twice. Read before the snapshot and found the same after the copy, they are the snapshot's (short of an object created
 * and dropped again in between).
 */
record SourceObjects(List<SeedDefinitions.Definition> definitions, List<SeedTriggers.Trigger> triggers) {
    SourceObjects {
        definitions = List.copyOf(definitions);
        triggers = List.copyOf(triggers);
    }

    /** The definitions and triggers of {@code schemas} on {@code source} now. */
    static SourceObjects read(Connection source, Collection<String> schemas) throws SQLException {
        return new SourceObjects(SeedDefinitions.of(source, schemas), SeedTriggers.of(source, schemas));
    }

    /**
     * What differs in {@code later} from these, as {@code TABLE s.t changed} or {@code TRIGGER s.g created}; empty when
     * nothing does.
     */
    List<String> differences(SourceObjects later) {
        return SeedDefinitions.differences(withTriggers(), later.withTriggers());
    }

    /** The objects (not triggers) among these that {@code later} no longer has: dropped on the source in between. */
    List<SeedDefinitions.Definition> goneIn(SourceObjects later) {
        return SeedDefinitions.gone(definitions, later.definitions);
    }

    private List<SeedDefinitions.Definition> withTriggers() {
        List<SeedDefinitions.Definition> all = new ArrayList<>(definitions);
        triggers.forEach(trigger -> all.add(new SeedDefinitions.Definition("TRIGGER", trigger.schema(), trigger.name(),
                SeedDefinitions.digest(String.join("\u0000", trigger.statement(), trigger.sqlMode(),
                        trigger.characterSetClient(), trigger.collationConnection())))));
        return all;
    }
}
