package io.handoff.verify;

import java.util.ArrayList;
import java.util.List;

/** What one VERIFY has checked and found so far; owned by the verifying thread. */
final class VerifyProgress {
    private final int maxNamed;
    final List<String> schemas = new ArrayList<>();
    final List<String> wholeTables = new ArrayList<>();
    final List<Difference> differences = new ArrayList<>();
    int tables;
    long rows;
    long chunks;
    long rechecks;
    long drift;

    VerifyProgress(int maxNamed) {
        this.maxNamed = maxNamed;
    }

    /** Counts {@code found}, and keeps it while fewer than the most named differences are kept. */
    void found(Difference found) {
        drift++;
        if (differences.size() < maxNamed) {
            differences.add(found);
        }
    }

    VerifyReport report(long durationNanos) {
        return new VerifyReport(schemas, tables, rows, chunks, rechecks, durationNanos / 1_000_000, wholeTables, drift,
                differences);
    }
}
