package io.handoff.cutover.seed;

import io.handoff.common.cluster.ServerFlavor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the database client programs: in {@code handoff.cutover.client-bin-dir} when configured,
 * else on the {@code PATH}. MariaDB's names first ({@code mariadb-dump}, {@code mariadb}), then the
 * MySQL names they also install ({@code mysqldump}, {@code mysql}); a MySQL flavor the other way round.
 */
public final class ClientPrograms {
    private final Optional<Path> binDir;

    public ClientPrograms(Optional<Path> binDir) {
        this.binDir = binDir;
    }

    /** The dump program for a server of {@code flavor}. */
    public Path dump(ServerFlavor flavor) {
        return find(flavor == ServerFlavor.MARIADB ? List.of("mariadb-dump", "mysqldump") : List.of("mysqldump", "mariadb-dump"));
    }

    /** The command-line client for a server of {@code flavor}. */
    public Path client(ServerFlavor flavor) {
        return find(flavor == ServerFlavor.MARIADB ? List.of("mariadb", "mysql") : List.of("mysql", "mariadb"));
    }

    private Path find(List<String> names) {
        List<Path> dirs = binDir.map(List::of).orElseGet(ClientPrograms::pathDirs);
        for (String name : names) {
            for (Path dir : dirs) {
                Path program = dir.resolve(name);
                if (Files.isExecutable(program)) {
                    return program;
                }
            }
        }
        throw new IllegalStateException("none of " + names + " found in " + binDir.map(dir -> "handoff.cutover.client-bin-dir "
                + dir).orElse("the PATH (set handoff.cutover.client-bin-dir)"));
    }

    private static List<Path> pathDirs() {
        String path = System.getenv("PATH");
        return path == null ? List.of() : java.util.Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(Path::of).toList();
    }
}
