package io.handoff.monitor.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamPositionTest {

    @Test
    void theCurrentMariaDbTransactionReplacesItsDomainsEntry() {
        assertThat(StreamPosition.merge("0-1-41,1-2-7", "0-1-42")).isEqualTo("0-1-42,1-2-7");
        assertThat(StreamPosition.merge("1-2-7", "0-1-42")).isEqualTo("0-1-42,1-2-7");
        assertThat(StreamPosition.merge(null, "0-1-42")).isEqualTo("0-1-42");
        assertThat(StreamPosition.merge("0-1-41", null)).isEqualTo("0-1-41");
    }

    @Test
    void theCurrentMySqlTransactionIsAddedToTheSet() {
        assertThat(StreamPosition.merge("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-41", "3e11fa47-71ca-11e1-9e33-c80aa9429562:42"))
                .isEqualTo("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-41,3e11fa47-71ca-11e1-9e33-c80aa9429562:42");
    }
}
