package io.handoff.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GtidSetsTest {

    private static final String A = "cd831cf0-efb3-11f1-a979-02fc00000001";
    private static final String B = "d18f8509-efb3-11f1-83bf-02fc00000001";

    @Test
    void mysqlNewlinesBetweenUuidsAreRemoved() {
        assertThat(GtidSets.normalize(A + ":1-6,\n" + B + ":1-3")).isEqualTo(A + ":1-6," + B + ":1-3");
    }

    @Test
    void adjacentAndOverlappingIntervalsOfOneUuidAreMerged() {
        assertThat(GtidSets.normalize(A + ":1-610," + A + ":611")).isEqualTo(A + ":1-611");
        assertThat(GtidSets.normalize(A + ":5-9:1-4:20:8-12")).isEqualTo(A + ":1-12:20");
        assertThat(GtidSets.normalize(B + ":3,\n" + A.toUpperCase() + ":1-2")).isEqualTo(A + ":1-2," + B + ":3");
    }

    @Test
    void taggedGtidsKeepTheirTag() {
        assertThat(GtidSets.normalize(A + ":1-3:audit:1-2," + A + ":4:audit:3")).isEqualTo(A + ":1-4:audit:1-3");
    }

    @Test
    void mariaDbListsAreOnlyStripped() {
        assertThat(GtidSets.normalize("0-1-42,\n 1-2-7")).isEqualTo("0-1-42,1-2-7");
    }

    @Test
    void emptyAndNullStayEmptyAndNull() {
        assertThat(GtidSets.normalize("")).isEmpty();
        assertThat(GtidSets.normalize(" \n")).isEmpty();
        assertThat(GtidSets.normalize(null)).isNull();
    }

    @Test
    void aMalformedMysqlEntryIsRefused() {
        assertThatThrownBy(() -> GtidSets.normalize(A + ":1-3:??")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("??");
    }
}
