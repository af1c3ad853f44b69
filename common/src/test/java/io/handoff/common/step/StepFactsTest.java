package io.handoff.common.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.event.StepType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepFactsTest {

    @Test
    void everyStepTypeButTheCarriersHasTheRecordOfItsFactsPairedBack() {
        for (StepType type : StepType.values()) {
            if (type.carriesSteps()) {
                assertThat(StepContracts.factsOf(type)).as(type.name()).isEmpty();
                continue;
            }
            Class<? extends StepFacts> record = StepContracts.factsOf(type).orElseThrow(
                    () -> new AssertionError(type + " has no record of facts"));
            assertThat(StepContracts.typeOfFacts(record)).as(type.name()).isEqualTo(type);
        }
        assertThat(Arrays.stream(StepFacts.class.getPermittedSubclasses()).map(StepContracts::typeOfFacts).distinct())
                .as("one record per step type").hasSize(StepFacts.class.getPermittedSubclasses().length);
    }

    @Test
    void aSwitchTravelsAsTheFlatObjectItAlwaysWasAndComesBackEqual() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("application", "storefront");
        facts.put("zones", List.of(Map.of("zone", "example.com.", "zoneId", "Z1", "changeId", "C1", "insyncMs", 120)));
        facts.put("oldValues", Map.of("db.example.com. CNAME", "a.example.com."));
        facts.put("newValues", Map.of("db.example.com. CNAME", "b.example.com."));
        facts.put("insyncMs", 120);
        facts.put("alreadyApplied", false);

        DnsFacts.SwitchDns decoded = StepContracts.decodeFacts(StepType.SWITCH_DNS, facts, DnsFacts.SwitchDns.class);

        assertThat(decoded.switched().oldValues()).containsEntry("db.example.com. CNAME", "a.example.com.");
        assertThat(decoded.type()).isEqualTo(StepType.SWITCH_DNS);
        assertThat(StepContracts.facts(decoded)).as("no wrapper object, nothing added").isEqualTo(facts);
    }

    @Test
    void aComponentThatIsNullIsAbsentAndNoFactsAreAnEmptyObject() {
        Map<String, Object> facts = StepContracts.facts(StepContracts.decodeFacts(StepType.CAPTURE_POSITION,
                Map.of("position", "uuid:1-42"), CutoverFacts.CapturePosition.class));

        assertThat(facts).containsExactly(Map.entry("position", "uuid:1-42"));
        assertThat(StepContracts.facts(null)).isEmpty();
    }

    @Test
    void theExecutorsReservedEntriesAreLeftOutWhenAStepsFactsAreRead() {
        CutoverFacts.CapturePosition decoded = StepContracts.decodeFacts(StepType.CAPTURE_POSITION,
                Map.of("position", "uuid:1-42", "_fencingEpoch", 3), CutoverFacts.CapturePosition.class);

        assertThat(decoded.position()).isEqualTo("uuid:1-42");
        assertThat(StepContracts.facts(decoded)).doesNotContainKey("_fencingEpoch");
    }

    @Test
    void aFactOfTheWrongKindIsRefusedNamingIt() {
        assertThatThrownBy(() -> StepContracts.decodeFacts(StepType.CAPTURE_POSITION, Map.of("position", List.of("x")),
                CutoverFacts.CapturePosition.class)).isInstanceOf(InvalidStepParametersException.class)
                .hasMessageContaining("CAPTURE_POSITION facts").hasMessageContaining("position");
    }

    @Test
    void factsAreReadOnlyAsTheRecordOfTheirStepType() {
        assertThatThrownBy(() -> StepContracts.decodeFacts(StepType.SEED, Map.of(), CutoverFacts.CapturePosition.class))
                .isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("SEED facts are Seed");
        assertThatThrownBy(() -> StepContracts.decodeFacts(StepType.FENCE, Map.of(), CutoverFacts.CapturePosition.class))
                .isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("FENCE");
    }
}
