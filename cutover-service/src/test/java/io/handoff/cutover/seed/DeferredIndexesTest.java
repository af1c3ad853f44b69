package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeferredIndexesTest {
    private static final String MYSQL = """
            CREATE TABLE `orders` (
              `id` bigint NOT NULL,
              `customer` int DEFAULT NULL,
              `placed` datetime(6) DEFAULT NULL,
              `note` varchar(200) DEFAULT NULL,
              `doc` json DEFAULT NULL,
              PRIMARY KEY (`id`),
              UNIQUE KEY `one_per_customer_and_time` (`customer`,`placed`),
              KEY `by_customer` (`customer`),
              KEY `by note, then time` (`note`(10),`placed` DESC) /*!80000 INVISIBLE */,
              KEY `odd``name` ((cast(json_extract(`doc`,_utf8mb4'$.n') as unsigned))) COMMENT 'functional',
              FULLTEXT KEY `words` (`note`),
              SPATIAL KEY `where` (`spot`),
              CONSTRAINT `orders_ibfk_1` FOREIGN KEY (`customer`) REFERENCES `customers` (`id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci""";

    @Test
    void onlyPlainKeysAreDeferredEachWithTheTextThatAddsItBack() {
        assertThat(DeferredIndexes.parse("shop", "orders", MYSQL)).as("by_customer stays: orders_ibfk_1 needs it").containsExactly(
                new DeferredIndexes.Index("shop", "orders", "by note, then time",
                        "KEY `by note, then time` (`note`(10),`placed` DESC) /*!80000 INVISIBLE */"),
                new DeferredIndexes.Index("shop", "orders", "odd`name",
                        "KEY `odd``name` ((cast(json_extract(`doc`,_utf8mb4'$.n') as unsigned))) COMMENT 'functional'"));
    }

    @Test
    void anIndexAForeignKeyNeedsStays() {
        String child = "CREATE TABLE `child` (\n  `id` int(11) NOT NULL,\n  `mixed_id` bigint(20) unsigned DEFAULT NULL,\n"
                + "  `a` int DEFAULT NULL,\n  `ab` int DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `mixed_id` (`mixed_id`),\n"
                + "  KEY `by_mixed_then_a` (`mixed_id`,`a`),\n  KEY `by_ab` (`ab`),\n  KEY `by_a` (`a`),\n"
                + "  CONSTRAINT `child_ibfk_1` FOREIGN KEY (`mixed_id`) REFERENCES `mixed` (`id`),\n"
                + "  CONSTRAINT `to_a` FOREIGN KEY (`a`) REFERENCES `other` (`x`) ON DELETE CASCADE\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

        assertThat(DeferredIndexes.parse("s", "child", child)).extracting(DeferredIndexes.Index::name)
                .containsExactly("by_ab");
    }

    @Test
    void aMariaDbDefinitionAndATableWithoutSecondaryIndexes() {
        String mariadb = "CREATE TABLE `big` (\n  `id` int(11) NOT NULL,\n  `v` varchar(20) DEFAULT NULL,\n  `n` int(11) DEFAULT NULL,\n"
                + "  PRIMARY KEY (`id`),\n  KEY `by_n` (`n`),\n  KEY `by_v_then_n` (`v`(5),`n`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci";

        assertThat(DeferredIndexes.parse("s", "big", mariadb)).extracting(DeferredIndexes.Index::definition)
                .containsExactly("KEY `by_n` (`n`)", "KEY `by_v_then_n` (`v`(5),`n`)");
        assertThat(DeferredIndexes.parse("s", "t", "CREATE TABLE `t` (\n  `id` int NOT NULL,\n  PRIMARY KEY (`id`)\n)")).isEmpty();
        assertThat(new DeferredIndexes.Index("s", "we`ird", "k", "KEY `k` (`a`)").qualifiedTable()).isEqualTo("`s`.`we``ird`");
    }
}
