package io.handoff.monitor.verify;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Small chunks, so that tables of a few thousand rows are cut into several, and a short wait for the
 * target, so that a target that does not replicate fails VERIFY within a test's patience.
 */
public class VerifyTestProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "handoff.verify.initial-chunk-rows", "300",
                "handoff.verify.min-chunk-rows", "50",
                "handoff.verify.max-chunk-rows", "900",
                "handoff.verify.wait-timeout", "3s");
    }
}
