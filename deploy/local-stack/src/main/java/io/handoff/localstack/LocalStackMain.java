package io.handoff.localstack;

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
 * </pre>
 *
 * It prints where each part listens and, with {@code --properties}, writes the services' configuration
 * (with the cluster passwords, so the file is readable by its owner only) and then a line
 * {@code READY} on standard output.
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
                StackFlavor.parse(flags.getOrDefault("--target-flavor", "mariadb")));
        LocalStack stack = LocalStack.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        if (flags.containsKey("--properties")) {
            PrivateProperties.write(Path.of(flags.get("--properties")), stack.coordinates().toProperties());
        }
        System.out.println("handoff local stack is up:\n" + stack.coordinates().describe());
        System.out.println("READY");
        System.out.flush();
        stopped.await();
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
