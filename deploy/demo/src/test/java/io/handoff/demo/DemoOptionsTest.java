package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.localstack.db.StackFlavor;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaultsAreAWritableFirstFlipFromMySqlToAuroraLikeMySqlFencedByEachServersOwnSwitch() {
        DemoOptions options = DemoOptions.parse(new String[0]);
        assertThat(options.order()).isEqualTo("writable-first");
        assertThat(options.readOnlyStrategy()).isEqualTo("auto");
        assertThat(options.sourceFlavor()).isEqualTo(StackFlavor.MYSQL);
        assertThat(options.targetFlavor()).isEqualTo(StackFlavor.AURORA_MYSQL);
        assertThat(options.rate()).isEqualTo(150);
        assertThat(options.secureKafka()).as("an authenticated, encrypted broker with ACLs unless told otherwise").isTrue();
    }

    @Test
    @org.junit.jupiter.api.Tag("issue-22")
    void secureKafkaIsAFlag() {
        assertThat(DemoOptions.parse(new String[] {"--secure-kafka"}).secureKafka()).isTrue();
        assertThat(DemoOptions.parse(new String[] {"--secure-kafka", "false", "--flip-back"}).secureKafka()).isFalse();
        assertThat(DemoOptions.parse(new String[] {"--secure-kafka", "true"}).secureKafka()).isTrue();
    }

    @Test
    void aMariaDbSourceNamedAloneGetsAMariaDbTarget() {
        DemoOptions options = DemoOptions.parse(new String[] {"--source-flavor", "mariadb"});
        assertThat(options.targetFlavor()).isEqualTo(StackFlavor.MARIADB);
        assertThat(DemoOptions.parse(new String[] {"--source-flavor", "mysql"}).targetFlavor()).isEqualTo(StackFlavor.AURORA_MYSQL);
    }

    @Test
    void securityGroupIsTheSwapStrategy() {
        assertThat(DemoOptions.parse(new String[] {"--read-only-strategy", "security-group"}).readOnlyStrategy())
                .isEqualTo("security-group-swap");
        assertThat(DemoOptions.parse(new String[] {"--read-only-strategy", "security-group-swap"}).readOnlyStrategy())
                .isEqualTo("security-group-swap");
    }

    @Test
    void readOnlyStrategyAndFlavoursAreTaken() {
        DemoOptions options = DemoOptions.parse(new String[] {"--read-only-strategy", "account-lock", "--source-flavor", "mysql",
                "--target-flavor", "aurora-mysql", "--flip-back"});
        assertThat(options.readOnlyStrategy()).isEqualTo("account-lock");
        assertThat(options.sourceFlavor()).isEqualTo(StackFlavor.MYSQL);
        assertThat(options.targetFlavor()).isEqualTo(StackFlavor.AURORA_MYSQL);
        assertThat(options.flipBack()).isTrue();
        assertThat(DemoOptions.parse(new String[] {"--flavor", "mysql"}).targetFlavor()).isEqualTo(StackFlavor.MYSQL);
    }

    @Test
    void unknownOptionsAndValuesAreRefusedNotIgnored() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--read-only-strategy", "acount-lock"}))
                .isInstanceOf(DemoOptions.UsageException.class).hasMessageContaining("--read-only-strategy 'acount-lock'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--readonly", "global"}))
                .isInstanceOf(DemoOptions.UsageException.class).hasMessageContaining("unknown option --readonly");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--flip-back", "yes"}))
                .isInstanceOf(DemoOptions.UsageException.class).hasMessageContaining("--flip-back 'yes'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--rate", "fast"})).isInstanceOf(DemoOptions.UsageException.class);
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--source-flavor", "aurora-mysql"}))
                .isInstanceOf(DemoOptions.UsageException.class).hasMessageContaining("target flavour");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--flavor", "postgres"}))
                .isInstanceOf(DemoOptions.UsageException.class).hasMessageContaining("mariadb, mysql, aurora-mysql");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"stray"})).isInstanceOf(DemoOptions.UsageException.class);
    }
}
