package io.handoff.localstack.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UnixSocketTest {
    private static final String DEEP = "/check/work/main/deploy/demo/target/MySqlJsonToMariaDbRefusedIT-14680440495471354611/stack/";

    @Test
    void aShallowServerKeepsItsSocketInItsOwnDirectory() {
        assertThat(UnixSocket.of(Path.of("/work/main/.demo/run/stack/source")))
                .isEqualTo(Path.of("/work/main/.demo/run/stack/source/mysqld.sock"));
    }

    @Test
    void aDeepServerGetsAShortSocketOfItsOwn() {
        Path source = UnixSocket.of(Path.of(DEEP + "source"));
        Path target = UnixSocket.of(Path.of(DEEP + "target"));
        assertThat(source.toString().length()).isLessThanOrEqualTo(UnixSocket.MAX_PATH_BYTES);
        assertThat(source).isEqualTo(UnixSocket.of(Path.of(DEEP + "source"))).isNotEqualTo(target);
    }
}
