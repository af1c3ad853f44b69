package io.handoff.cutover.seed;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.jboss.logging.MDC;

/**
 * Makes a seed's daemon threads (workers, readers, index builder, watches), each named {@code name} and logging with the
 * diagnostic context of the thread that made the factory: the step's plan and step ids, which the command's thread
 * carries and a new thread would otherwise log without.
 */
final class SeedThreads implements ThreadFactory {
    private final String name;
    private final Map<String, Object> context;

    /** Threads named {@code name}; made on the thread whose context they log with. */
    SeedThreads(String name) {
        this.name = name;
        Map<String, Object> context = MDC.getMap();
        this.context = context == null ? Map.of() : new HashMap<>(context);
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(() -> {
            context.forEach(MDC::put);
            task.run();
        }, name);
        thread.setDaemon(true);
        return thread;
    }
}
