package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceObjectsTest {
    private static final SeedDefinitions.Definition ORDERS = new SeedDefinitions.Definition("TABLE", "shop", "orders",
            SeedDefinitions.digest("CREATE TABLE orders (id INT)"));
    private static final SeedDefinitions.Definition TOTALS = new SeedDefinitions.Definition("VIEW", "shop", "totals",
            SeedDefinitions.digest("SELECT 1"));
    private static final SeedTriggers.Trigger STAMP = trigger("stamp", "SET NEW.at = NOW()", "STRICT_TRANS_TABLES");

    @Test
    void theSameObjectsDifferInNothing() {
        SourceObjects objects = new SourceObjects(List.of(ORDERS, TOTALS), List.of(STAMP));

        assertThat(objects.differences(new SourceObjects(List.of(ORDERS, TOTALS), List.of(STAMP)))).isEmpty();
    }

    @Test
    void aTriggerCreatedChangedOrDroppedIsNamedLikeAnyObject() {
        SourceObjects before = new SourceObjects(List.of(ORDERS), List.of(STAMP, trigger("audit", "INSERT INTO log VALUES (1)", "")));
        SourceObjects after = new SourceObjects(List.of(ORDERS), List.of(trigger("stamp", "SET NEW.at = NOW()", ""),
                trigger("count", "SET @n = @n + 1", "")));

        assertThat(before.differences(after)).containsExactly("TRIGGER shop.stamp changed", "TRIGGER shop.count created",
                "TRIGGER shop.audit dropped");
    }

    @Test
    void onlyDefinitionsTheSourceDroppedAreGoneTriggersAreNeverCopiedWithThem() {
        SourceObjects before = new SourceObjects(List.of(ORDERS, TOTALS), List.of(STAMP));
        SourceObjects after = new SourceObjects(List.of(ORDERS), List.of());

        assertThat(before.differences(after)).containsExactly("VIEW shop.totals dropped", "TRIGGER shop.stamp dropped");
        assertThat(before.goneIn(after)).containsExactly(TOTALS);
    }

    private static SeedTriggers.Trigger trigger(String name, String body, String sqlMode) {
        return new SeedTriggers.Trigger("shop", name, "CREATE TRIGGER " + name + " BEFORE INSERT ON orders FOR EACH ROW " + body,
                sqlMode, "utf8mb4", "utf8mb4_0900_ai_ci");
    }
}
