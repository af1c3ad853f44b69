package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedDefinitionsTest {
    private static final SeedDefinitions.Definition ORDERS = table("orders", "CREATE TABLE orders (id INT)");
    private static final SeedDefinitions.Definition NOTES = table("notes", "CREATE TABLE notes (id INT)");
    private static final SeedDefinitions.Definition TOTALS = new SeedDefinitions.Definition("VIEW", "shop", "totals",
            SeedDefinitions.digest("SELECT 1"));

    @Test
    void theSameDefinitionsDifferInNothing() {
        assertThat(SeedDefinitions.differences(List.of(ORDERS, NOTES, TOTALS), List.of(ORDERS, NOTES, TOTALS))).isEmpty();
    }

    @Test
    void eachObjectCreatedChangedOrDroppedIsNamed() {
        SeedDefinitions.Definition widened = table("orders", "CREATE TABLE orders (id BIGINT)");
        SeedDefinitions.Definition created = table("refunds", "CREATE TABLE refunds (id INT)");

        assertThat(SeedDefinitions.differences(List.of(ORDERS, NOTES, TOTALS), List.of(widened, NOTES, created)))
                .containsExactly("TABLE shop.orders changed", "TABLE shop.refunds created", "VIEW shop.totals dropped");
        assertThat(SeedDefinitions.gone(List.of(ORDERS, NOTES, TOTALS), List.of(widened, NOTES, created))).containsExactly(TOTALS);
    }

    @Test
    void aViewAndATableOfOneNameAreTwoObjects() {
        SeedDefinitions.Definition view = new SeedDefinitions.Definition("VIEW", "shop", "orders", ORDERS.digest());

        assertThat(SeedDefinitions.differences(List.of(ORDERS), List.of(view)))
                .containsExactly("VIEW shop.orders created", "TABLE shop.orders dropped");
        assertThat(view.drop()).isEqualTo("DROP VIEW IF EXISTS `shop`.`orders`");
    }

    private static SeedDefinitions.Definition table(String name, String create) {
        return new SeedDefinitions.Definition("TABLE", "shop", name, SeedDefinitions.digest(create));
    }
}
