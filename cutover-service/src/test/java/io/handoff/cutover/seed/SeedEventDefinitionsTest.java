package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How an enabled event's {@code SHOW CREATE EVENT} statement is turned into one that creates it kept off. */
class SeedEventDefinitionsTest {

    @Test
    void theStatusOfAnEnabledEventBecomesDisableOnSlaveAndNothingElseChanges() {
        String printed = "CREATE DEFINER=`app`@`%` EVENT `tick` ON SCHEDULE EVERY 1 SECOND STARTS '2026-12-08 02:01:35'"
                + " ON COMPLETION NOT PRESERVE ENABLE DO INSERT INTO ticks (note) VALUES (' ON COMPLETION PRESERVE ENABLE DO ')";

        assertThat(SeedEventDefinitions.keptOff(printed)).contains("CREATE DEFINER=`app`@`%` EVENT `tick` ON SCHEDULE EVERY 1"
                + " SECOND STARTS '2026-12-08 02:01:35' ON COMPLETION NOT PRESERVE DISABLE ON SLAVE DO INSERT INTO ticks (note)"
                + " VALUES (' ON COMPLETION PRESERVE ENABLE DO ')");
    }

    @Test
    void aCommentAndAPreservedCompletionAreKept() {
        String printed = "CREATE DEFINER=`app`@`%` EVENT `once` ON SCHEDULE AT '2036-01-01 00:00:00' ON COMPLETION PRESERVE"
                + " ENABLE COMMENT 'nightly ENABLE DO' DO DELETE FROM t";

        assertThat(SeedEventDefinitions.keptOff(printed)).contains("CREATE DEFINER=`app`@`%` EVENT `once` ON SCHEDULE AT"
                + " '2036-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE ON SLAVE COMMENT 'nightly ENABLE DO' DO DELETE FROM t");
    }

    @Test
    void aStatusNotWhereTheServersPrintItIsNotGuessed() {
        assertThat(SeedEventDefinitions.keptOff("CREATE EVENT e ON SCHEDULE EVERY 1 HOUR DO SELECT 1")).isEmpty();
    }
}
