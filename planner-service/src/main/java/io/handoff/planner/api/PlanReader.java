package io.handoff.planner.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
 * value of the wrong shape is named where the reading stopped. Values are not coerced: a number or a boolean
 * where text belongs ({@code "name": 42}), text where a number or a boolean belongs ({@code "ttl": "5"}) and a
 * fraction where a whole number belongs ({@code "ttl": 1.5}) are each wrong; so is a field given twice (which
 * copy would count?). In YAML, quote a name that would read as a number or a boolean ({@code name: "2024"}).
 */
final class PlanReader {
    private static final ObjectMapper JSON = strict(JsonMapper.builder());
    private static final ObjectMapper YAML = strict(YAMLMapper.builder());

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
        } catch (MismatchedInputException e) {
            throw new InvalidPlanException(List.of(new FieldError(path(e), e.getTargetType() == null ? e.getOriginalMessage()
                    : "must be " + expected(e.getTargetType()))));
        } catch (JsonMappingException e) {
            throw new InvalidPlanException(List.of(new FieldError(path(e), e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            throw new InvalidPlanException(List.of(new FieldError(path(e), "not valid " + (yaml ? "YAML" : "JSON")
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

    /** What a field of {@code type} takes, the way the plan's author writes it. */
    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "text (a string in quotes)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return type.isRecord() ? "an object with fields" : "a " + type.getSimpleName();
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "(body)" : path.startsWith(".") ? path.substring(1) : path;
    }

    /**
     * Where the parser stopped (a field given twice, a syntax error): its path, or {@code (body)} at the top and for a
     * body beyond the parser's limits (nesting deeper than 1000, a number of more than 1000 digits).
     */
    private static String path(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException || !(e.getProcessor() instanceof JsonParser parser)
                || parser.getParsingContext() == null) {
            return "(body)";
        }
        StringBuilder path = new StringBuilder();
        for (JsonPointer at = parser.getParsingContext().pathAsPointer(); !at.matches(); at = at.tail()) {
            String step = at.getMatchingProperty();
            if (at.getMatchingIndex() >= 0) {
                path.append('[').append(step).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(step);
            }
        }
        return path.length() == 0 ? "(body)" : path.toString();
    }

    private static ObjectMapper strict(MapperBuilder<?, ?> builder) {
        ObjectMapper mapper = builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
