package io.handoff.common.step;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.common.json.JsonValues;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which {@link StepParameters} record each step type takes, and the two ways across the wire: a record to the JSON
 * object a {@link StepCommand} carries as its params ({@link #params}), and a command's params back to the record of
 * its type ({@link #decode}), with a clear error naming the param that is missing or of the wrong kind. Entries of the
 * params that the record does not name (what a FENCE command attaches for the applications, for instance) are left
 * to whoever reads them.
 */
public final class StepContracts {

    private static final Map<StepType, Class<? extends StepParameters>> PARAMETERS = new EnumMap<>(StepType.class);
    private static final Map<Class<?>, StepType> TYPES = new HashMap<>();
    private static final Map<StepType, Class<? extends StepFacts>> FACTS = new EnumMap<>(StepType.class);
    private static final Map<Class<?>, StepType> FACT_TYPES = new HashMap<>();
    /**
     * Reads params as they are: no text taken for a number or a flag, no fraction for a whole number, no number for a
     * text, and no missing number taken as zero (a LOWER_TTL without its {@code ttl} would lower the records to 0 s).
     */
    private static final ObjectMapper STRICT = strict();

    static {
        PARAMETERS.put(StepType.PRECHECK, StepParameters.Precheck.class);
        PARAMETERS.put(StepType.RETAIN_BINLOG, StepParameters.RetainBinlog.class);
        PARAMETERS.put(StepType.SEED, StepParameters.Seed.class);
        PARAMETERS.put(StepType.START_REPLICATION, StepParameters.StartReplication.class);
        PARAMETERS.put(StepType.START_MONITOR, StepParameters.StartMonitor.class);
        PARAMETERS.put(StepType.STOP_MONITOR, StepParameters.StopMonitor.class);
        PARAMETERS.put(StepType.WAIT_CAUGHT_UP, StepParameters.WaitCaughtUp.class);
        PARAMETERS.put(StepType.VERIFY, StepParameters.Verify.class);
        PARAMETERS.put(StepType.FLUSH_TABLES, StepParameters.FlushTables.class);
        PARAMETERS.put(StepType.READ_ONLY, StepParameters.ReadOnly.class);
        PARAMETERS.put(StepType.KILL_CONNECTIONS, StepParameters.KillConnections.class);
        PARAMETERS.put(StepType.WAIT_SYNC, StepParameters.WaitSync.class);
        PARAMETERS.put(StepType.SNAPSHOT, StepParameters.Snapshot.class);
        PARAMETERS.put(StepType.STOP_REPLICA, StepParameters.StopReplica.class);
        PARAMETERS.put(StepType.CAPTURE_POSITION, StepParameters.CapturePosition.class);
        PARAMETERS.put(StepType.SWITCH_DNS, StepParameters.SwitchDns.class);
        PARAMETERS.put(StepType.WRITABLE, StepParameters.Writable.class);
        PARAMETERS.put(StepType.RESET_REPLICA, StepParameters.ResetReplica.class);
        PARAMETERS.put(StepType.REVERSE_REPLICATION, StepParameters.ReverseReplication.class);
        PARAMETERS.put(StepType.ROLLBACK, StepParameters.Rollback.class);
        PARAMETERS.put(StepType.FLIP_BACK, StepParameters.FlipBack.class);
        PARAMETERS.put(StepType.LOWER_TTL, StepParameters.LowerTtl.class);
        PARAMETERS.put(StepType.RESTORE_TTL, StepParameters.RestoreTtl.class);
        PARAMETERS.put(StepType.DECOMMISSION, StepParameters.Decommission.class);
        PARAMETERS.put(StepType.CHECK_HEALTH, StepParameters.CheckHealth.class);
        PARAMETERS.put(StepType.FENCE, StepParameters.Fence.class);
        PARAMETERS.put(StepType.DNS_SWITCHES, StepParameters.DnsSwitches.class);
        FACTS.put(StepType.PRECHECK, CutoverFacts.Precheck.class);
        FACTS.put(StepType.RETAIN_BINLOG, CutoverFacts.RetainBinlog.class);
        FACTS.put(StepType.SEED, CutoverFacts.Seed.class);
        FACTS.put(StepType.START_REPLICATION, CutoverFacts.StartReplication.class);
        FACTS.put(StepType.START_MONITOR, MonitorFacts.StartMonitor.class);
        FACTS.put(StepType.STOP_MONITOR, MonitorFacts.StopMonitor.class);
        FACTS.put(StepType.WAIT_CAUGHT_UP, PlannerFacts.WaitCaughtUp.class);
        FACTS.put(StepType.VERIFY, MonitorFacts.Verify.class);
        FACTS.put(StepType.FLUSH_TABLES, CutoverFacts.FlushTables.class);
        FACTS.put(StepType.READ_ONLY, CutoverFacts.ReadOnly.class);
        FACTS.put(StepType.KILL_CONNECTIONS, CutoverFacts.KillConnections.class);
        FACTS.put(StepType.WAIT_SYNC, CutoverFacts.WaitSync.class);
        FACTS.put(StepType.SNAPSHOT, CutoverFacts.Snapshot.class);
        FACTS.put(StepType.STOP_REPLICA, CutoverFacts.StopReplica.class);
        FACTS.put(StepType.CAPTURE_POSITION, CutoverFacts.CapturePosition.class);
        FACTS.put(StepType.SWITCH_DNS, DnsFacts.SwitchDns.class);
        FACTS.put(StepType.WRITABLE, CutoverFacts.Writable.class);
        FACTS.put(StepType.RESET_REPLICA, CutoverFacts.ResetReplica.class);
        FACTS.put(StepType.REVERSE_REPLICATION, CutoverFacts.ReverseReplication.class);
        FACTS.put(StepType.ROLLBACK, CutoverFacts.Rollback.class);
        FACTS.put(StepType.FLIP_BACK, DnsFacts.FlipBack.class);
        FACTS.put(StepType.LOWER_TTL, DnsFacts.LowerTtl.class);
        FACTS.put(StepType.RESTORE_TTL, DnsFacts.RestoreTtl.class);
        FACTS.put(StepType.DECOMMISSION, CutoverFacts.Decommission.class);
        FACTS.put(StepType.CHECK_HEALTH, PlannerFacts.CheckHealth.class);
        // Every record's deserializer is built now, with the class, not by the first command of its type: in a flip
        // that first command is inside the fence, where building it would hold the applications' writes. The facts'
        // serializers likewise (a fence's steps report their facts inside the window; a final type's serializer is
        // fetched with its writer); their deserializers are not: only the planner reads facts, outside any window.
        PARAMETERS.values().forEach(STRICT::readerFor);
        // The parameters' serializers too: an executor writes a carried step's record as its command's params
        // (FenceSteps.command), inside the window when the fence's steps were not prepared before it.
        PARAMETERS.values().forEach(Json.mapper()::writerFor);
        FACTS.values().forEach(Json.mapper()::writerFor);
        PARAMETERS.forEach((type, record) -> TYPES.put(record, type));
        FACTS.forEach((type, record) -> FACT_TYPES.put(record, type));
    }

    private StepContracts() {
    }

    private static ObjectMapper strict() {
        ObjectMapper mapper = Json.newMapper().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * The record of {@code type}'s parameters (for the types that carry other steps, {@link StepType#FENCE} and
     * {@link StepType#DNS_SWITCHES}, those steps: {@link StepParameters.CarriesSteps}).
     */
    public static Class<? extends StepParameters> parametersOf(StepType type) {
        return PARAMETERS.get(type);
    }

    /** The step type whose parameters {@code record} holds; see {@link StepParameters#type()}. */
    static StepType typeOf(Class<?> record) {
        return paired(TYPES, record, "parameters");
    }

    private static StepType paired(Map<Class<?>, StepType> types, Class<?> record, String what) {
        StepType type = types.get(record);
        if (type == null) {
            throw new IllegalStateException(record.getName() + " is the " + what + " of no step type: pair it in StepContracts");
        }
        return type;
    }

    /** {@code parameters} as a command's params: the canonical JSON object, without the components that are null. */
    public static Map<String, Object> params(StepParameters parameters) {
        return JsonValues.canonicalObject(parameters, parameters.type() + " params");
    }

    /** The parameters {@code command} carries, as the record of its type; see {@link #decode(StepType, Map, Class)}. */
    public static <P extends StepParameters> P decode(StepCommand command, Class<P> expected) {
        return decode(command.type(), command.params(), expected);
    }

    /**
     * {@code params} as {@code expected}, the record of {@code type}'s parameters; see {@link #decode(StepType, Map)}.
     *
     * @throws InvalidStepParametersException also when {@code expected} is not the record of {@code type}
     */
    public static <P extends StepParameters> P decode(StepType type, Map<String, Object> params, Class<P> expected) {
        StepParameters decoded = decode(type, params);
        if (!expected.isInstance(decoded)) {
            throw new InvalidStepParametersException(type + " params are " + decoded.getClass().getSimpleName()
                    + ", not " + expected.getSimpleName());
        }
        return expected.cast(decoded);
    }

    /**
     * {@code params} as the record of {@code type}'s parameters.
     *
     * @throws InvalidStepParametersException naming the param when one that the record requires is missing or blank,
     *                                        or when one is not of the record's kind (text where a number is
     *                                        expected, a list where a text is)
     */
    public static StepParameters decode(StepType type, Map<String, Object> params) {
        return read(type + " params", params, parametersOf(type));
    }

    /** {@code values} as {@code record}; an error names {@code what} and the entry that is missing or of the wrong kind. */
    private static <R> R read(String what, Map<String, Object> values, Class<R> record) {
        try {
            return STRICT.convertValue(values, record);
        } catch (IllegalArgumentException e) {
            throw new InvalidStepParametersException(what + ": " + why(e), e);
        }
    }

    /**
     * The record of the facts {@code type} reports; empty for the types that carry other steps ({@link StepType#FENCE},
     * {@link StepType#DNS_SWITCHES}), whose steps report their own.
     */
    public static Optional<Class<? extends StepFacts>> factsOf(StepType type) {
        return Optional.ofNullable(FACTS.get(type));
    }

    /** The step type that reports {@code record}; see {@link StepFacts#type()}. */
    static StepType typeOfFacts(Class<?> record) {
        return paired(FACT_TYPES, record, "facts");
    }

    /** {@code facts} as a step event's facts: the canonical JSON object, without the components that are null; null gives an empty one. */
    public static Map<String, Object> facts(StepFacts facts) {
        return facts == null ? Map.of() : JsonValues.canonicalObject(facts, facts.type() + " facts");
    }

    /**
     * A step event's {@code facts} as {@code expected}, the record of {@code type}'s facts. Entries the record does not
     * name (the executors' reserved ledger entries) are left out.
     *
     * @throws InvalidStepParametersException when {@code expected} is not the record of {@code type}, or naming the
     *                                        fact that is not of the record's kind
     */
    public static <F extends StepFacts> F decodeFacts(StepType type, Map<String, Object> facts, Class<F> expected) {
        Class<? extends StepFacts> record = factsRecordOf(type);
        if (!expected.equals(record)) {
            throw new InvalidStepParametersException(type + " facts are " + record.getSimpleName() + ", not "
                    + expected.getSimpleName());
        }
        return read(type + " facts", facts == null ? Map.of() : facts, expected);
    }

    /**
     * A step event's {@code facts} as the record of {@code type}'s facts; see {@link #decodeFacts(StepType, Map, Class)}.
     *
     * @throws InvalidStepParametersException when {@code type} reports no facts of its own, or naming the fact that is
     *                                        not of the record's kind
     */
    public static StepFacts decodeFacts(StepType type, Map<String, Object> facts) {
        return read(type + " facts", facts == null ? Map.of() : facts, factsRecordOf(type));
    }

    private static Class<? extends StepFacts> factsRecordOf(StepType type) {
        return factsOf(type).orElseThrow(() -> new InvalidStepParametersException(
                type + " reports no facts of its own: its steps do"));
    }

    private static String why(IllegalArgumentException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            // A record refused its values: the message names the component, the path the record it is in.
            String path = path(invalid);
            return (path.isEmpty() ? "" : path + ".") + invalid.getCause().getMessage();
        }
        if (cause instanceof JsonMappingException mapping) {
            String path = path(mapping);
            return (path.isEmpty() ? "" : path + " ") + "is not of the right kind: " + mapping.getOriginalMessage();
        }
        return e.getMessage();
    }

    /** Where the error is, as the params would be written: {@code records[0].ttl}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
