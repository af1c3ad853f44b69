package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pattern by which the seed's watch tells DDL on a seeded schema from DDL elsewhere. Read here by Java's regular
 * expressions, which take its constructs (alternation, anchors, bracket classes, escaped punctuation) as MySQL's ICU and
 * MariaDB's PCRE do; {@code ParallelSeedIT} and {@code ParallelSeedMySqlIT} read it on the servers.
 */
class MetadataLockWaitsTest {

    @Test
    void aSeededSchemaIsFoundAsAWholeName() {
        Pattern shop = Pattern.compile(MetadataLockWaits.naming("shop"));

        assertThat(shop.matcher("ALTER TABLE `shop`.`orders` ADD COLUMN c INT").find()).isTrue();
        assertThat(shop.matcher("ALTER TABLE shop.orders ADD COLUMN c INT").find()).isTrue();
        assertThat(shop.matcher("DROP DATABASE shop").find()).isTrue();
        assertThat(shop.matcher("shop.orders").find()).isTrue();

        assertThat(shop.matcher("ALTER TABLE shop_archive.orders ADD COLUMN c INT").find()).as("another schema").isFalse();
        assertThat(shop.matcher("ALTER TABLE `myshop`.orders ADD COLUMN c INT").find()).isFalse();
        assertThat(shop.matcher("ALTER TABLE shop2.orders ADD COLUMN c INT").find()).isFalse();
        assertThat(shop.matcher("ALTER TABLE shop$old.orders ADD COLUMN c INT").find()).isFalse();
    }

    @Test
    void punctuationInTheNameIsTakenLiterally() {
        Pattern dotted = Pattern.compile(MetadataLockWaits.naming("a.b"));
        Pattern dashed = Pattern.compile(MetadataLockWaits.naming("my-db"));

        assertThat(dotted.matcher("ALTER TABLE `a.b`.t ADD COLUMN c INT").find()).isTrue();
        assertThat(dotted.matcher("ALTER TABLE `axb`.t ADD COLUMN c INT").find()).as("not any character").isFalse();
        assertThat(dashed.matcher("CREATE INDEX i ON `my-db`.t (c)").find()).isTrue();
        assertThat(MetadataLockWaits.naming("a.b")).contains("a\\.b");
    }
}
