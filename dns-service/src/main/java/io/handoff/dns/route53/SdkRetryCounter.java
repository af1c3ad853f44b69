package io.handoff.dns.route53;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the attempts the SDK retried (throttling, 5xx, lost connections), as attempts sent minus calls
 * made. A caller measures its own share with a {@link #tally()}, which is exact while no other call runs
 * at the same time (dns-service runs one command at a time). A call that fails before anything is sent
 * makes the count one lower.
 */
@ApplicationScoped
public class SdkRetryCounter implements ExecutionInterceptor {
    private final LongAdder calls = new LongAdder();
    private final LongAdder attempts = new LongAdder();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        calls.increment();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        attempts.increment();
    }

    /** Retried attempts since the client was built. */
    public long retries() {
        return Math.max(0, attempts.sum() - calls.sum());
    }

    /** A reading of the retries made from now on. */
    public LongSupplier tally() {
        long start = retries();
        return () -> Math.max(0, retries() - start);
    }
}
