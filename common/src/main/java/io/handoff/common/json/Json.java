package io.handoff.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The JSON codec every handoff service uses for its records: Java time and {@code Optional} support,
 * ISO-8601 text for instants and durations (never numeric timestamps), and unknown properties
 * ignored so that a reader keeps working when a newer writer adds fields.
 *
 * <p>{@link #mapper()} is shared and thread-safe; it must not be reconfigured. A service that owns
 * its own mapper (Quarkus' one, through an {@code ObjectMapperCustomizer}) applies the same
 * settings with {@link #configure(ObjectMapper)}.
 */
public final class Json {

    private static final ObjectMapper MAPPER = newMapper();

    private Json() {
    }

    /** The shared, preconfigured mapper. Do not change its configuration: use {@link #newMapper()}. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A fresh mapper with handoff's settings, free to be configured further. */
    public static ObjectMapper newMapper() {
        return configure(new ObjectMapper());
    }

    /** Applies handoff's settings to {@code mapper} and returns it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Writes {@code value} as JSON text. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new JsonCodecException("Cannot write " + typeName(value) + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@code value} as UTF-8 JSON bytes (what a Kafka serializer needs). */
    public static byte[] toJsonBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new JsonCodecException("Cannot write " + typeName(value) + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a {@code type} from JSON text; a validation failure of the record is reported as well. */
    public static <T> T fromJson(String json, Class<T> type) {
        if (json == null) {
            throw new JsonCodecException("Cannot read " + type.getName() + " from JSON: the input is null", null);
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw readFailure(type, json.length(), e);
        }
    }

    /** Reads a {@code type} from UTF-8 JSON bytes. */
    public static <T> T fromJson(byte[] json, Class<T> type) {
        if (json == null) {
            throw new JsonCodecException("Cannot read " + type.getName() + " from JSON: the input is null", null);
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw readFailure(type, json.length, e);
        }
    }

    private static JsonCodecException readFailure(Class<?> type, int length, IOException e) {
        String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        String where = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                ? " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr()
                : "";
        return new JsonCodecException(
                "Cannot read " + type.getName() + " from JSON (" + length + " chars)" + where + ": " + detail, e);
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
