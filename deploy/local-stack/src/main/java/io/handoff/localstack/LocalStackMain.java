package io.handoff.localstack;

import io.handoff.common.topic.HandoffAcls;
import io.handoff.localstack.db.StackFlavor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack until the process is stopped.
 *
 * <pre>
 * LocalStackMain --work-dir DIR [--properties FILE] [--kafka-port N] [--database-port N]
 *                [--route53-port N] [--dns-port N] [--insync-delay-ms N]
 *                [--source-flavor mariadb|mysql] [--target-flavor mariadb|mysql|aurora-mysql]
 *                [--secure-kafka true|false]
 * </pre>
 *
 * The broker is secured unless {@code --secure-kafka false}: SASL_SSL with a SCRAM principal per service and handoff's
 * ACLs ({@link LocalStackOptions#secureKafka()}). It prints where each part listens and, with {@code --properties FILE},
 * writes the services' configuration (with the cluster passwords, so each file is readable by its owner only): with
 * a secured broker one file per service's principal, {@code FILE} with {@code -planner}, {@code -cutover}, {@code -dns}
 * or {@code -monitor} before its extension, each holding that principal's password only; with a plaintext broker
 * {@code FILE} itself. Then it prints a line {@code READY} on standard output.
 */
public final class LocalStackMain {
    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = parse(args);
        LocalStackOptions options = new LocalStackOptions(
                Path.of(flags.getOrDefault("--work-dir", "target/local-stack")).toAbsolutePath(),
                port(flags, "--kafka-port"), port(flags, "--database-port"),
                port(flags, "--route53-port"), port(flags, "--dns-port"),
                Duration.ofMillis(Long.parseLong(flags.getOrDefault("--insync-delay-ms", "200"))),
                StackFlavor.parse(flags.getOrDefault("--source-flavor", "mariadb")),
                StackFlavor.parse(flags.getOrDefault("--target-flavor", "mariadb")),
                Boolean.parseBoolean(flags.getOrDefault("--secure-kafka", "true")));
        LocalStack stack = LocalStack.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        if (flags.containsKey("--properties")) {
            writeProperties(Path.of(flags.get("--properties")).toAbsolutePath(), stack);
        }
        System.out.println("handoff local stack is up:\n" + stack.coordinates().describe());
        System.out.println("READY");
        System.out.flush();
        stopped.await();
    }

    /** The services' configuration: {@code file}, or with a secured broker a file per service principal beside it. */
    private static void writeProperties(Path file, LocalStack stack) {
        if (stack.securedKafka().isEmpty()) {
            PrivateProperties.write(file, stack.coordinates().toProperties());
            return;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        for (String principal : HandoffAcls.components()) {
            if (principal.equals(HandoffAcls.CLIENT)) {
                continue;
            }
            Path own = file.resolveSibling(dot > 0 ? name.substring(0, dot) + "-" + principal + name.substring(dot)
                    : name + "-" + principal);
            PrivateProperties.write(own, stack.coordinates().toProperties(principal));
            System.out.println("configuration of principal " + principal + ": " + own);
        }
    }

    private static int port(Map<String, String> flags, String name) {
        return Integer.parseInt(flags.getOrDefault(name, "0"));
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --flag value pairs, got '" + args[i] + "'");
            }
            flags.put(args[i], args[++i]);
        }
        return flags;
    }
}
