import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by the local stack with the java source launcher on the broker's class path: formats the broker's storage with
 * the SCRAM credentials of a private file (one "SCRAM-SHA-512=[name=...,password=...]" per line), so that no password
 * is on a command line (visible to every user in ps) or in a log. Arguments: the file, then kafka-storage's own.
 */
public class ScramFormat {
    public static void main(String[] args) throws Exception {
        List<String> storageArgs = new ArrayList<>(List.of(args).subList(1, args.length));
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                storageArgs.add("--add-scram");
                storageArgs.add(line.trim());
            }
        }
        kafka.tools.StorageTool.main(storageArgs.toArray(String[]::new));
    }
}
