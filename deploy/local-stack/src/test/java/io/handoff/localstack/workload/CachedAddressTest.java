package io.handoff.localstack.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachedAddressTest {
    private static final String NAME = "db.storefront.internal.example.";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));
    private final List<Instant> lookups = new ArrayList<>();
    private long ttlSeconds = 5;
    private String answer = "127.0.0.2";

    private final CachedAddress cached = new CachedAddress(NAME, name -> {
        lookups.add(clock.instant());
        return new ResolvedAddress(name, InetAddress.getByName(answer), Duration.ofSeconds(ttlSeconds),
                clock.instant());
    }, clock);

    @Test
    void answersFromTheCacheWhileTheTtlRunsAndResolvesAgainWhenItExpires() throws Exception {
        assertThat(cached.current().server()).isEqualTo("127.0.0.2");
        answer = "127.0.0.3";

        clock.advance(Duration.ofMillis(4_999));
        assertThat(cached.current().server()).isEqualTo("127.0.0.2");
        assertThat(lookups).hasSize(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(cached.current().server()).isEqualTo("127.0.0.3");
        assertThat(lookups).hasSize(2);
    }

    @Test
    void zeroTtlResolvesForEveryUse() throws Exception {
        ttlSeconds = 0;

        cached.current();
        cached.current();

        assertThat(lookups).hasSize(2);
    }

    @Test
    void invalidateForcesTheNextUseToResolve() throws Exception {
        cached.current();
        cached.invalidate();
        cached.current();

        assertThat(lookups).hasSize(2);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
