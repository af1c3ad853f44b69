package io.handoff.dns.route53;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the attempts the SDK retried (throttling, 5xx, lost connections), as attempts sent minus calls
 * made, per thread: a caller measures its own share with a {@link #tally()}, exact also while other threads call
 * at the same time (dns-service runs the switches of a DNS_SWITCHES command at once, each on its thread). A call
 * that fails before anything is sent makes the count one lower.
 */
@ApplicationScoped
public class SdkRetryCounter implements ExecutionInterceptor {
    /** Calls and attempts made by each thread: a synchronous client runs its retries on the caller's thread. */
    private final ThreadLocal<long[]> counts = ThreadLocal.withInitial(() -> new long[2]);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        counts.get()[0]++;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        counts.get()[1]++;
    }

    /** Retried attempts of this thread's calls since it first called. */
    public long retries() {
        long[] mine = counts.get();
        return Math.max(0, mine[1] - mine[0]);
    }

    /** A reading of the retries this thread's calls make from now on. */
    public LongSupplier tally() {
        long start = retries();
        return () -> Math.max(0, retries() - start);
    }
}
