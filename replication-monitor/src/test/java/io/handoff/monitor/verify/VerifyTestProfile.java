package io.handoff.monitor.verify;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Small chunks, so that tables of a few thousand rows are cut into several, narrowed to rows in two
 * rounds of cutting (900 rows, then up to 8 of 113, then of 15, read row by row at 20), several
 * chunks at once, and a short wait for the target, so that a target that does not replicate fails
 * VERIFY within a test's patience.
 */
public class VerifyTestProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "handoff.verify.initial-chunk-rows", "300",
                "handoff.verify.min-chunk-rows", "50",
                "handoff.verify.max-chunk-rows", "900",
                "handoff.verify.narrow-rows", "20",
                "handoff.verify.parallel-chunks", "3",
                "handoff.verify.wait-timeout", "3s");
    }
}
