package io.handoff.planner.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.handoff.planner.plan.FieldError;
import io.handoff.planner.plan.InvalidPlanException;
import io.handoff.planner.plan.PlanRequest;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a plan body, JSON or YAML. Strict: an unknown field (a typo such as {@code syncTimout}) is an
 * error naming the field, not something silently ignored; every unknown field of the body is named
 * (as {@code flip.syncTimout} or {@code applications[0].recrods}), not only the first. Otherwise a
 * value of the wrong shape is named where the reading stopped.
 */
final class PlanReader {
    private static final ObjectMapper JSON = strict(new ObjectMapper());
    private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory()));

    private PlanReader() {
    }

    static PlanRequest read(String body, boolean yaml) {
        if (body == null || body.isBlank()) {
            throw new InvalidPlanException(List.of(new FieldError("(body)", "a plan is required")));
        }
        ObjectMapper mapper = yaml ? YAML : JSON;
        try {
            JsonNode tree = mapper.readTree(body);
            List<FieldError> unknown = new ArrayList<>();
            unknownFields(tree, PlanRequest.class, "", unknown);
            if (!unknown.isEmpty()) {
                throw new InvalidPlanException(unknown);
            }
            return mapper.treeToValue(tree, PlanRequest.class);
        } catch (JsonMappingException e) {
            throw new InvalidPlanException(List.of(new FieldError(path(e), e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            throw new InvalidPlanException(List.of(new FieldError("(body)", "not valid " + (yaml ? "YAML" : "JSON")
                    + ": " + e.getOriginalMessage())));
        }
    }

    /** Names every field of {@code node} that {@code type} (a record, a list of them, or a value) has not. */
    private static void unknownFields(JsonNode node, Type type, String path, List<FieldError> errors) {
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
        if (node.isObject() && raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            node.fields().forEachRemaining(field -> {
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                RecordComponent component = null;
                for (RecordComponent candidate : components) {
                    if (candidate.getName().equals(field.getKey())) {
                        component = candidate;
                    }
                }
                if (component == null) {
                    errors.add(new FieldError(at, "unknown field '" + field.getKey() + "'"));
                } else {
                    unknownFields(field.getValue(), component.getGenericType(), at, errors);
                }
            });
        } else if (node.isArray() && List.class.isAssignableFrom(raw) && type instanceof ParameterizedType parameterized) {
            for (int i = 0; i < node.size(); i++) {
                unknownFields(node.get(i), parameterized.getActualTypeArguments()[0], path + "[" + i + "]", errors);
            }
        }
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "(body)" : path.startsWith(".") ? path.substring(1) : path;
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);
    }
}
