package io.handoff.planner.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.handoff.planner.plan.FieldError;
import io.handoff.planner.plan.InvalidPlanException;
import io.handoff.planner.plan.PlanRequest;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a plan body, JSON or YAML. Strict: an unknown field (a typo such as {@code syncTimout}) is an
 * error naming the field, not something silently ignored.
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
        try {
            return (yaml ? YAML : JSON).readValue(body, PlanRequest.class);
        } catch (JsonMappingException e) {
            throw new InvalidPlanException(List.of(new FieldError(path(e), e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            throw new InvalidPlanException(List.of(new FieldError("(body)", "not valid " + (yaml ? "YAML" : "JSON")
                    + ": " + e.getOriginalMessage())));
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
