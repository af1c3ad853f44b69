package io.handoff.kit.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fencing rule: an epoch lower than one applied to a scope it touches is stale. */
class AppliedEpochsTest {
    private static final FenceScope SOURCE = new FenceScope(FenceScope.CLUSTER, "source");
    private static final FenceScope TARGET = new FenceScope(FenceScope.CLUSTER, "target");
    private final AppliedEpochs epochs = new AppliedEpochs();

    @Test
    void aScopeWithoutAppliedEpochAcceptsAnyEpoch() {
        assertThat(epochs.check(0, List.of(SOURCE))).isEmpty();
        assertThat(epochs.applied(SOURCE)).isEmpty();
    }

    @Test
    void anOlderEpochIsStaleOnceANewerOneWasApplied() {
        epochs.apply(5, List.of(SOURCE, TARGET));

        assertThat(epochs.check(4, List.of(TARGET))).contains(new StaleEpoch(TARGET, 4, 5));
        assertThat(epochs.check(4, List.of(TARGET)).orElseThrow().reason())
                .isEqualTo("stale fencing epoch 4 < applied 5 for cluster target; nothing was changed");
    }

    @Test
    void theSameEpochIsTheSamePlanAndMayActAgain() {
        epochs.apply(5, List.of(SOURCE));

        assertThat(epochs.check(5, List.of(SOURCE))).isEmpty();
        assertThat(epochs.check(6, List.of(SOURCE))).isEmpty();
    }

    @Test
    void applyingAnOlderEpochNeverLowersTheScope() {
        epochs.apply(7, List.of(SOURCE));
        epochs.apply(3, List.of(SOURCE));

        assertThat(epochs.applied(SOURCE)).hasValue(7);
        assertThat(epochs.check(6, List.of(SOURCE))).isPresent();
    }

    @Test
    void aCommandIsStaleWhenAnyScopeItTouchesHasANewerEpoch() {
        epochs.apply(2, List.of(SOURCE));
        epochs.apply(9, List.of(TARGET));

        assertThat(epochs.check(3, List.of(SOURCE, TARGET))).contains(new StaleEpoch(TARGET, 3, 9));
        assertThat(epochs.check(3, List.of(SOURCE))).isEmpty();
    }

    @Test
    void clustersAndApplicationsOfTheSameNameAreSeparateScopes() {
        epochs.apply(9, List.of(new FenceScope(FenceScope.APPLICATION, "source")));

        assertThat(epochs.check(1, List.of(SOURCE))).isEmpty();
        assertThat(epochs.check(1, List.of(new FenceScope(FenceScope.APPLICATION, "source"))).orElseThrow().reason())
                .isEqualTo("stale fencing epoch 1 < applied 9 for application source; nothing was changed");
    }

    @Test
    void aCommandTouchingNoScopeIsNeverStale() {
        epochs.apply(9, List.of(SOURCE));

        assertThat(epochs.check(0, List.of())).isEmpty();
    }
}
