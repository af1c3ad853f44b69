package io.handoff.verify;

import io.handoff.common.json.Json;
import io.handoff.common.step.MonitorFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * What one VERIFY checked and found.
 *
 * @param schemas     the schemas checked
 * @param tables      tables whose rows were compared
 * @param rows        source rows compared (each chunk's count on the source)
 * @param chunks      chunks compared
 * @param rechecks    extra comparisons of differing chunks
 * @param durationMs  how long it took
 * @param wholeTables tables without a primary key or unique NOT NULL key, compared as one chunk
 * @param drift       how many differences were found, rows and whole tables
 * @param differences the differences named (the first {@code max-named-differences} of them)
 */
public record VerifyReport(List<String> schemas, int tables, long rows, long chunks, long rechecks, long durationMs,
        List<String> wholeTables, long drift, List<Difference> differences) {

    /** Most bytes of JSON the listed differences take in the step's facts (a step event must stay well under 1 MB). */
    public static final int LISTED_BYTES = 256 * 1024;

    /** Fact names of VERIFY as its step event carries them: {@link MonitorFacts.Verify}'s components. */
    public static final String FACT_SCHEMAS = "schemas";
    public static final String FACT_TABLES = "tables";
    public static final String FACT_ROWS = "rows";
    public static final String FACT_CHUNKS = "chunks";
    public static final String FACT_RECHECKS = "rechecks";
    public static final String FACT_DURATION_MS = "durationMs";
    public static final String FACT_ROWS_PER_SECOND = "rowsPerSecond";
    public static final String FACT_WHOLE_TABLES = "wholeTables";
    public static final String FACT_DRIFT = "drift";
    public static final String FACT_DIFFERENCES = "differences";
    public static final String FACT_DIFFERENCES_TRUNCATED = "differencesTruncated";

    public VerifyReport {
        schemas = List.copyOf(schemas);
        wholeTables = List.copyOf(wholeTables);
        differences = List.copyOf(differences);
    }

    /** Source rows compared per second of the whole step. */
    public long rowsPerSecond() {
        return durationMs <= 0 ? rows : Math.round(rows * 1000.0 / durationMs);
    }

    /**
     * The step facts, listing at most {@code maxListed} differences within {@link #LISTED_BYTES} of JSON ({@code drift}
     * counts them all, {@code differencesTruncated} says when the list stops short of it).
     */
    public MonitorFacts.Verify toFacts(int maxListed) {
        List<MonitorFacts.Difference> listed = new ArrayList<>();
        long bytes = 0;
        for (Difference difference : differences) {
            MonitorFacts.Difference fact = difference.toFact();
            bytes += Json.toJson(fact).length();
            if (listed.size() >= maxListed || bytes > LISTED_BYTES) {
                break;
            }
            listed.add(fact);
        }
        return new MonitorFacts.Verify(schemas, (long) tables, rows, chunks, rechecks, durationMs, rowsPerSecond(),
                wholeTables, drift, listed, drift > listed.size());
    }
}
