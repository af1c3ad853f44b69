package io.handoff.localstack.mysql;

import io.handoff.localstack.ChildProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the local stack's Oracle MySQL comes from, and how its programs run.
 *
 * <p>In this order: an installation named by the environment variable {@value #HOME_VARIABLE} (or the
 * system property {@value #HOME_PROPERTY}), either an installation prefix holding {@code sbin/mysqld} or
 * {@code bin/mysqld} (e.g. {@code /usr}) or an unpacked root holding {@code usr/sbin/mysqld}; else the
 * cache folder ({@value #CACHE_VARIABLE}, default {@code ~/.cache/handoff}) under {@code mysql-debian-sid/},
 * filled on first use by {@code fetch-mysql.sh}: Debian's unstable build of MySQL (the LTS line 9.7 at the
 * time of writing) and the newer C libraries it needs, downloaded through apt with a private
 * configuration and unpacked without touching the machine's packages. Later runs reuse the cache; a lock
 * file keeps two JVMs from fetching at once.
 *
 * <p>An unpacked root's programs need its own C library, so each runs through that root's dynamic loader;
 * {@link #program(String)} hands out small wrapper scripts under {@code bin/} of the cache that do this,
 * so that callers (the dump seed's client programs among them) run them as ordinary executables.
 */
public final class MySqlDistribution {
    private static final Logger LOG = LoggerFactory.getLogger(MySqlDistribution.class);
    public static final String HOME_VARIABLE = "HANDOFF_MYSQL_HOME";
    public static final String HOME_PROPERTY = "handoff.mysql.home";
    public static final String CACHE_VARIABLE = "HANDOFF_CACHE_DIR";
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(15);
    private static final List<String> PROGRAMS = List.of("mysqld", "mysql", "mysqldump", "mysqlbinlog", "mysqladmin");
    private static MySqlDistribution resolved;

    private final Path installation;
    private final Path binDir;

    private MySqlDistribution(Path installation, Path binDir) {
        this.installation = installation;
        this.binDir = binDir;
    }

    /** The JVM's MySQL, located or fetched on the first call. */
    public static synchronized MySqlDistribution get() {
        if (resolved == null) {
            resolved = locate();
        }
        return resolved;
    }

    /** The folder that holds the installation ({@code basedir} for {@code mysqld}). */
    public Path baseDir() {
        return installation;
    }

    /** A program ({@code mysqld}, {@code mysql}, {@code mysqldump}, {@code mysqlbinlog}, {@code mysqladmin}), runnable as it is. */
    public Path program(String name) {
        Path program = binDir.resolve(name);
        if (!Files.isExecutable(program)) {
            throw new IllegalArgumentException("no program " + name + " in the MySQL installation " + installation);
        }
        return program;
    }

    /** The folder of the server's error messages and character sets ({@code share/mysql}). */
    public Path shareDir() {
        return installation.resolve("share").resolve("mysql");
    }

    /** The folder of the server's plugins. */
    public Path pluginDir() {
        return installation.resolve("lib").resolve("mysql").resolve("plugin");
    }

    private static MySqlDistribution locate() {
        Optional<String> home = Optional.ofNullable(System.getProperty(HOME_PROPERTY)).or(() -> Optional.ofNullable(System.getenv(HOME_VARIABLE)))
                .filter(value -> !value.isBlank());
        if (home.isPresent()) {
            return installed(Path.of(home.get()).toAbsolutePath());
        }
        Path cache = cacheDir().resolve("mysql-debian-sid");
        Path sysroot = cache.resolve("sysroot");
        if (!Files.isRegularFile(sysroot.resolve("usr/sbin/mysqld"))) {
            fetchLocked(cache);
        }
        return unpacked(sysroot, cache.resolve("bin"));
    }

    /** An installation prefix ({@code bin/mysqld} or {@code sbin/mysqld}) or an unpacked root ({@code usr/sbin/mysqld}). */
    private static MySqlDistribution installed(Path home) {
        if (Files.isRegularFile(home.resolve("usr/sbin/mysqld"))) {
            return unpacked(home, wrappersFor(home));
        }
        Path server = Files.isRegularFile(home.resolve("sbin/mysqld")) ? home.resolve("sbin/mysqld") : home.resolve("bin/mysqld");
        if (!Files.isExecutable(server)) {
            throw new IllegalStateException(HOME_VARIABLE + "=" + home + " holds no mysqld (looked for sbin/mysqld, bin/mysqld"
                    + " and usr/sbin/mysqld)");
        }
        Path binDir = wrappersFor(home);
        writeWrappers(binDir, name -> (name.equals("mysqld") ? server : home.resolve("bin").resolve(name)).toString(), List.of());
        return new MySqlDistribution(home, binDir);
    }

    /** Wrappers for an installation named by the operator live in the cache: the installation may be read-only. */
    private static Path wrappersFor(Path home) {
        return cacheDir().resolve("mysql-home-" + Integer.toHexString(home.toString().hashCode())).resolve("bin");
    }

    private static MySqlDistribution unpacked(Path sysroot, Path binDir) {
        Path libs = sysroot.resolve("usr/lib/x86_64-linux-gnu");
        Path loader = libs.resolve("ld-linux-x86-64.so.2");
        List<String> prefix = Files.isRegularFile(loader) ? List.of(loader.toString(), "--library-path", libs.toString()) : List.of();
        writeWrappers(binDir, name -> sysroot.resolve(name.equals("mysqld") ? "usr/sbin" : "usr/bin").resolve(name).toString(), prefix);
        return new MySqlDistribution(sysroot.resolve("usr"), binDir);
    }

    /** Writes {@code bin/NAME} scripts that exec each program (through {@code prefix}, the loader, when not empty). */
    private static void writeWrappers(Path binDir, java.util.function.Function<String, String> target, List<String> prefix) {
        try {
            Files.createDirectories(binDir);
            for (String name : PROGRAMS) {
                List<String> words = new ArrayList<>(prefix);
                words.add(target.apply(name));
                String script = "#!/bin/sh\n# written by handoff's local stack (MySqlDistribution)\nexec "
                        + String.join(" ", words.stream().map(MySqlDistribution::shellQuote).toList()) + " \"$@\"\n";
                Path wrapper = binDir.resolve(name);
                Path temporary = binDir.resolve("." + name + ".tmp");
                Files.writeString(temporary, script, StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(temporary, wrapper, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the MySQL program wrappers in " + binDir, e);
        }
    }

    private static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static Path cacheDir() {
        String configured = System.getenv(CACHE_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "handoff");
    }

    /** Fetches into {@code cache} under a file lock; another JVM that fetched meanwhile leaves nothing to do. */
    private static void fetchLocked(Path cache) {
        try {
            Files.createDirectories(cache);
            try (FileChannel channel = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (!Files.isRegularFile(cache.resolve("sysroot/usr/sbin/mysqld"))) {
                    fetch(cache);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the MySQL cache folder " + cache, e);
        }
    }

    private static void fetch(Path cache) throws IOException {
        Path script = cache.resolve("fetch-mysql.sh");
        try (InputStream in = MySqlDistribution.class.getResourceAsStream("fetch-mysql.sh")) {
            if (in == null) {
                throw new IllegalStateException("fetch-mysql.sh is missing from the local stack's resources");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = cache.resolve("fetch.log");
        Instant begin = Instant.now();
        LOG.info("fetching Oracle MySQL into {} (first use; later runs reuse it); log: {}", cache, log);
        try {
            ChildProcesses.run(List.of("bash", script.toString(), cache.toString()), cache, log, FETCH_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot fetch Oracle MySQL for the local stack. Tried: apt-get with a private"
                    + " configuration, downloading Debian's packages mysql-server-core and mysql-client-core (suite sid) from"
                    + " the mirror in this machine's apt sources into " + cache + " (log: " + log + "). To use a MySQL"
                    + " that is already installed instead, set " + HOME_VARIABLE + " (or -D" + HOME_PROPERTY + ") to its"
                    + " installation prefix, the folder holding sbin/mysqld or bin/mysqld (e.g. /usr). Cause: "
                    + e.getMessage(), e);
        }
        LOG.info("Oracle MySQL fetched in {} s: {}", Duration.between(begin, Instant.now()).toSeconds(),
                ChildProcesses.tail(log, 1));
    }
}
