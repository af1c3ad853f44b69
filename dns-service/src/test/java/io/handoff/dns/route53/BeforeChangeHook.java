package io.handoff.dns.route53;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;

/**
 * Test hook on the service's Route 53 client: runs an action once, just before the service's next
 * ChangeResourceRecordSets call for a zone is sent, i.e. between the service's read and its write. Used
 * to change a record behind the service's back at exactly that moment.
 */
@ApplicationScoped
public class BeforeChangeHook implements ExecutionInterceptor {
    private final Map<String, Runnable> actions = new ConcurrentHashMap<>();

    /** Runs {@code action} (once) before the next change batch for zone {@code zoneId} (bare id). */
    public void beforeNextChangeOf(String zoneId, Runnable action) {
        actions.put(zoneId, action);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        if (context.request() instanceof ChangeResourceRecordSetsRequest change) {
            Runnable action = actions.remove(DnsNames.bareId(change.hostedZoneId()));
            if (action != null) {
                action.run();
            }
        }
    }
}
