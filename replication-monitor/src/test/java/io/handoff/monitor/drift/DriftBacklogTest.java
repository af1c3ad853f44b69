package io.handoff.monitor.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.DriftReport;
import io.handoff.monitor.binlog.RowChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class DriftBacklogTest {
    private static final RowShape KEY = RowShape.of(SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build());

    private static RowChange change(long id) {
        return new RowChange(0, "shop", "orders", KEY, List.of(id), false, KEY, id, "0-1-" + id);
    }

    @Test
    void aFullBacklogBlocksTheProducerUntilTheCheckerTakesAChange() throws Exception {
        DriftBacklog backlog = new DriftBacklog(2);
        backlog.put(change(1));
        backlog.put(change(2));
        AtomicLong queued = new AtomicLong();
        Thread engine = new Thread(() -> {
            try {
                queued.set(backlog.put(change(3)).seq());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        engine.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.getState() == Thread.State.WAITING);
        assertThat(queued.get()).isZero();
        assertThat(backlog.size()).isEqualTo(2);

        assertThat(backlog.poll().seq()).isEqualTo(1);
        engine.join(5_000);
        assertThat(queued.get()).isEqualTo(3);
        assertThat(backlog.lastSeq()).isEqualTo(3);
        assertThat(backlog.size()).isEqualTo(2);
    }

    @Test
    void aLaterChangeOfTheSameRowSupersedesAnEarlierOneUntilItIsChecked() throws Exception {
        DriftBacklog backlog = new DriftBacklog(10);
        RowChange first = backlog.put(change(7));
        RowChange second = backlog.put(change(7));
        assertThat(backlog.supersededLater(first, first.rowId())).isTrue();
        assertThat(backlog.supersededLater(second, second.rowId())).isFalse();
        backlog.forget(first.rowId(), first.seq());
        assertThat(backlog.supersededLater(first, first.rowId())).as("the later change is still queued").isTrue();
        backlog.forget(first.rowId(), second.seq());
        assertThat(backlog.supersededLater(first, first.rowId())).isFalse();
    }

    @Test
    void lookupsReadEveryKeyOfABatchInOneQuery() {
        RowShape composite = RowShape.of(SchemaBuilder.struct().field("a", Schema.INT64_SCHEMA)
                .field("b`c", Schema.STRING_SCHEMA).build());
        var statement = DriftChecker.lookup(List.of(
                new RowChange(1, "shop", "order items", composite, List.of(1L, "x"), true, null, 0, null),
                new RowChange(2, "shop", "order items", composite, List.of(2L, "y"), true, null, 0, null)));
        assertThat(statement.sql()).isEqualTo(
                "SELECT * FROM `shop`.`order items` WHERE (`a`, `b``c`) IN ((?, ?), (?, ?))");
        assertThat(statement.params()).containsExactly(1L, "x", 2L, "y");
        assertThat(DriftChecker.lookup(List.of(change(5))).sql()).isEqualTo("SELECT * FROM `shop`.`orders` WHERE `id` IN (?)");
        RowChange deleted = new RowChange(1, "shop", "orders", KEY, List.of(5L), true, null, 0, null);
        assertThat(DriftReport.ofRow("p", deleted.qualifiedTable(), io.handoff.common.event.DriftKind.EXTRA,
                deleted.reportedKey(), java.time.Instant.EPOCH, java.time.Clock.systemUTC()).primaryKey())
                .isEqualTo(java.util.Map.of("id", 5));
    }
}
