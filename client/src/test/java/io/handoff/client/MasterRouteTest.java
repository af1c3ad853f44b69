package io.handoff.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hold and the route, as events arrive in order, late, twice or out of order. */
class MasterRouteTest {
    private static final Endpoint DNS = new Endpoint("db.orders.example", 3306);
    private static final Endpoint A = new Endpoint("127.0.0.2", 3306);
    private static final Endpoint B = new Endpoint("127.0.0.3", 3306);

    private final MasterRoute route = new MasterRoute("orders", DNS, Duration.ofSeconds(2));

    @Test
    void aFenceHoldsWhatStartsATransactionThenEverythingOnceTheServerShowedItAndReleasesToTheNewMasterNotToDns()
            throws Exception {
        assertThat(route.awaitOpen(true).endpoint()).isEqualTo(DNS);
        route.apply(event(3, MasterEvent.Kind.FENCE_STARTED, Instant.now()), Instant.now());

        assertThat(route.awaitOpen(false).endpoint()).as("autocommit statements go on until the server refuses them")
                .isEqualTo(DNS);
        CompletableFuture<MasterRoute.Snapshot> transaction = CompletableFuture.supplyAsync(() -> open(true));
        assertThat(transaction).isNotDone();
        route.fencedByServer();
        CompletableFuture<MasterRoute.Snapshot> autocommit = CompletableFuture.supplyAsync(() -> open(false));
        route.apply(event(3, MasterEvent.Kind.MASTER_WRITABLE, Instant.now()), Instant.now());

        assertThat(transaction.get(5, TimeUnit.SECONDS).endpoint()).isEqualTo(B);
        assertThat(autocommit.get(5, TimeUnit.SECONDS).endpoint()).isEqualTo(B);
        assertThat(route.awaitOpen(false).endpoint()).isEqualTo(B);
        assertThat(route.stats(0, 0, true).moves()).isEqualTo(1);
    }

    private MasterRoute.Snapshot open(boolean startsTransaction) {
        try {
            return route.awaitOpen(startsTransaction);
        } catch (HeldTooLongException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFenceThatDoesNotEndWithinTheBudgetFailsTheHeldStatementAndHoldsNothingAfterwards() throws Exception {
        route.apply(event(3, MasterEvent.Kind.FENCE_STARTED, Instant.now().minusMillis(1_500)), Instant.now());

        assertThatThrownBy(() -> route.awaitOpen(true)).isInstanceOf(HeldTooLongException.class)
                .hasMessageContaining("orders").hasMessageContaining("plan-3").hasMessageContaining("was not sent");
        assertThat(route.awaitOpen(true).endpoint()).as("a statement after the budget goes where the last event said")
                .isEqualTo(DNS);
        assertThat(route.stats(0, 0, false).heldTooLong()).isEqualTo(1);
    }

    @Test
    void aLateFenceStartHoldsNothingAndReplayedOrOlderEventsChangeNothing() throws Exception {
        route.apply(event(3, MasterEvent.Kind.FENCE_STARTED, Instant.now().minusSeconds(3)), Instant.now());
        assertThat(route.awaitOpen(true).endpoint()).isEqualTo(DNS);
        assertThat(route.stats(0, 0, true).heldStatements()).isZero();

        route.apply(event(3, MasterEvent.Kind.MASTER_WRITABLE, Instant.now()), Instant.now());
        route.apply(event(4, MasterEvent.Kind.FENCE_STARTED, Instant.now()), Instant.now());
        route.apply(event(4, MasterEvent.Kind.ROLLED_BACK, Instant.now()), Instant.now());
        assertThat(route.apply(event(3, MasterEvent.Kind.MASTER_WRITABLE, Instant.now()), Instant.now())).isFalse();
        assertThat(route.apply(event(4, MasterEvent.Kind.FENCE_STARTED, Instant.now()), Instant.now())).isFalse();
        assertThat(route.apply(event(2, MasterEvent.Kind.ROLLED_BACK, Instant.now()), Instant.now())).isFalse();

        assertThat(route.awaitOpen(true).endpoint()).as("epoch 4 rolled back: its source is the master").isEqualTo(A);
        assertThat(route.stats(0, 0, true).staleEventsIgnored()).isEqualTo(3);
        assertThat(route.apply(new MasterEvent("x", "p", Instant.now(), MasterEvent.Kind.FENCE_STARTED, "billing", 9, A, B),
                Instant.now())).as("another application's event").isFalse();
    }

    @Test
    void aReadOnlyRefusalWaitsForTheFenceToEndAndNoLongerThanTheBudget() throws Exception {
        long settled = route.now().settled();
        CompletableFuture<MasterRoute.Snapshot> waiting = CompletableFuture.supplyAsync(() -> route.refusedAsReadOnly(settled));
        route.apply(event(5, MasterEvent.Kind.FENCE_STARTED, Instant.now()), Instant.now());
        assertThat(waiting).isNotDone();
        route.apply(event(5, MasterEvent.Kind.MASTER_WRITABLE, Instant.now()), Instant.now());
        assertThat(waiting.get(5, TimeUnit.SECONDS).endpoint()).isEqualTo(B);

        assertThat(route.refusedAsReadOnly(route.now().settled())).as("nothing ends within the budget").isNull();
    }

    private static MasterEvent event(long epoch, MasterEvent.Kind kind, Instant at) {
        return new MasterEvent("e-" + epoch + kind, "plan-" + epoch, at, kind, "orders", epoch, A, B);
    }
}
