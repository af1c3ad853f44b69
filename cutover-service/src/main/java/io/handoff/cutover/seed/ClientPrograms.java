package io.handoff.cutover.seed;

import io.handoff.common.sql.SqlDialect;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the database client programs: in {@code handoff.cutover.client-bin-dir} when configured,
 * else on the {@code PATH}, under the names the server's dialect prefers ({@link SqlDialect#dumpPrograms()},
 * {@link SqlDialect#clientPrograms()}): its own family's first, then the other family's, which both install.
 */
public final class ClientPrograms {
    private final Optional<Path> binDir;

    public ClientPrograms(Optional<Path> binDir) {
        this.binDir = binDir;
    }

    /** The dump program for a server of {@code dialect}. */
    public Path dump(SqlDialect dialect) {
        return find(dialect.dumpPrograms());
    }

    /** The command-line client for a server of {@code dialect}. */
    public Path client(SqlDialect dialect) {
        return find(dialect.clientPrograms());
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
