package io.handoff.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a free-form map (command params, step facts, plan details) into its canonical JSON shape:
 * an unmodifiable, deeply copied map whose values are only {@code String}, {@code Integer}/{@code Long}/
 * {@code BigInteger}, {@code Double}, {@code Boolean}, {@code null}, {@code List} or {@code Map}, in
 * insertion order.
 *
 * <p>The conversion goes through JSON text, so whatever a record holds is exactly what a reader
 * gets back: an {@code Instant} becomes its ISO-8601 string, an enum its name, a {@code long} that
 * fits an {@code int} an {@code Integer}, a {@code Secret} its mask. That is what makes
 * {@code fromJson(toJson(event)).equals(event)} hold for every event. Null values are kept.
 */
public final class JsonValues {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private JsonValues() {
    }

    /**
     * The canonical, unmodifiable copy of {@code map}; {@code null} gives an empty map.
     *
     * @param field named in the error when a value cannot be written as JSON
     */
    public static Map<String, Object> canonicalMap(Map<String, ?> map, String field) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return canonicalObject(map, field);
    }

    /**
     * The canonical, unmodifiable map of the JSON object {@code value} is written as (a record's components, for
     * instance), in one pass.
     *
     * @param field named in the error when a value cannot be written as JSON
     */
    public static Map<String, Object> canonicalObject(Object value, String field) {
        ObjectMapper mapper = Json.mapper();
        LinkedHashMap<String, Object> copy;
        try {
            copy = mapper.readValue(mapper.writeValueAsBytes(value), MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(field + " holds a value that cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(field + " cannot be copied as JSON: " + e.getMessage(), e);
        }
        return freezeMap(copy);
    }

    private static Map<String, Object> freezeMap(Map<String, Object> map) {
        LinkedHashMap<String, Object> frozen = new LinkedHashMap<>(map.size() * 2);
        map.forEach((key, value) -> frozen.put(key, freeze(value)));
        return Collections.unmodifiableMap(frozen);
    }

    @SuppressWarnings("unchecked")
    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freezeMap((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> frozen = new ArrayList<>(list.size());
            list.forEach(element -> frozen.add(freeze(element)));
            return Collections.unmodifiableList(frozen);
        }
        return value;
    }
}
