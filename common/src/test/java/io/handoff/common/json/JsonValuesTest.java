package io.handoff.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    @Test
    void copyIsDeepAndUnmodifiable() {
        List<Object> users = new ArrayList<>(List.of("app"));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("users", users);
        source.put("nested", new LinkedHashMap<>(Map.of("a", 1)));

        Map<String, Object> copy = JsonValues.canonicalMap(source, "facts");
        users.add("root");

        assertThat(copy.get("users")).isEqualTo(List.of("app"));
        assertThatThrownBy(() -> copy.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) copy.get("nested");
        assertThatThrownBy(() -> nested.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsNullValuesAndInsertionOrder() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("z", 1);
        source.put("a", null);

        Map<String, Object> copy = JsonValues.canonicalMap(source, "facts");

        assertThat(copy.keySet()).containsExactly("z", "a");
        assertThat(copy).containsEntry("a", null);
    }

    @Test
    void aSecretPutInFactsByMistakeIsStoredMasked() {
        Map<String, Object> copy = JsonValues.canonicalMap(Map.of("password", Secret.of("hunter2")), "facts");

        assertThat(copy).containsEntry("password", "****");
    }

    @Test
    void valueThatCannotBeWrittenIsRefusedNamingTheField() {
        Map<String, Object> source = Map.of("stream", new Object());

        assertThatThrownBy(() -> JsonValues.canonicalMap(source, "StepEvent.facts"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StepEvent.facts");
    }
}
