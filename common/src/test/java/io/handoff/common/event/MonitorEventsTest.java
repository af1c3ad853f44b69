package io.handoff.common.event;

import static io.handoff.common.event.TestEvents.NOW;
import static io.handoff.common.event.TestEvents.PLAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorEventsTest {

    private static final String ID = "123e4567-e89b-12d3-a456-426614174000";

    @Test
    void lagSampleAllowsUnknownCountsButNotNegativeLag() {
        assertThat(TestEvents.lagSample().bytesBehind()).isEqualTo(LagSample.UNKNOWN);
        assertThatThrownBy(() -> new LagSample(ID, PLAN, NOW, 1, -5, false, null, null, 0, 0, 0, NOW))
                .hasMessageContaining("LagSample.lagMillis must be >= 0");
        assertThatThrownBy(() -> new LagSample(ID, PLAN, NOW, 1, 5, false, null, null, -2, 0, 0, NOW))
                .hasMessageContaining("LagSample.eventsBehind must be >= -1");
    }

    @Test
    void lagSampleAcceptsAnEmptyGtidSetAsPosition() {
        LagSample sample = new LagSample(ID, PLAN, NOW, 1, 0, false, "", "", 0, 0, 0, NOW);

        assertThat(sample.sourcePosition()).isEmpty();
    }

    @Test
    void lagSampleNeedsItsSampleTime() {
        assertThatThrownBy(() -> new LagSample(ID, PLAN, NOW, 1, 5, true, null, null, 0, 0, 0, null))
                .hasMessageContaining("LagSample.sampledAt must not be null");
    }

    @Test
    void driftReportNeedsAPrimaryKeyOrAKeyRange() {
        assertThatThrownBy(() -> new DriftReport(ID, PLAN, NOW, 1, "shop.orders", DriftKind.EXTRA, Map.of(), null, 1, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a primaryKey or a keyRange");
    }

    @Test
    void driftReportTableIsSchemaDotTable() {
        assertThatThrownBy(() -> new DriftReport(ID, PLAN, NOW, 1, "orders", DriftKind.EXTRA, Map.of("id", 1), null, 1, NOW))
                .hasMessageContaining("DriftReport.table must be schema.table");
        assertThatThrownBy(() -> new DriftReport(ID, PLAN, NOW, 1, "shop.", DriftKind.EXTRA, Map.of("id", 1), null, 1, NOW))
                .hasMessageContaining("DriftReport.table must be schema.table");
    }

    @Test
    void rowDriftCountsOneRowByItsKey() {
        DriftReport report = TestEvents.rowDrift();

        assertThat(report.count()).isEqualTo(1);
        assertThat(report.primaryKey()).containsEntry("id", 42);
        assertThat(report.keyRange()).isNull();
    }

    @Test
    void planStepKindsMustNameTheStep() {
        assertThatThrownBy(() -> new PlanEvent(ID, PLAN, NOW, 1, PlanEventKind.STEP_FAILED, null, Map.of()))
                .hasMessageContaining("PlanEvent.stepId (required for STEP_FAILED) must not be blank");
        assertThat(new PlanEvent(ID, PLAN, NOW, 1, PlanEventKind.COMPLETED, null, null).details()).isEmpty();
    }
}
