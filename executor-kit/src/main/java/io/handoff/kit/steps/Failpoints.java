package io.handoff.kit.steps;

import io.handoff.common.event.StepCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Crash points for the drills that kill an executor with SIGKILL at an exact point of a step: when the armed
 * {@link FailpointConfig#file() file} names the point a command reached, the service writes
 * {@code <file>.reached} (the point's name) and pauses its command thread for good, so that the drill can kill it
 * there; a point armed as {@code <point> until-released} pauses only until the drill deletes that marker (to
 * inject a fault of another kind at that exact point), then goes on. Unarmed (the default), {@link #reached} returns at once without touching the file system.
 */
@ApplicationScoped
public class Failpoints {
    private static final Logger LOG = Logger.getLogger(Failpoints.class);
    /** Before the handler runs, after STARTED was published. */
    public static final String BEFORE = "before";
    /** After the handler ran, before its outcome is published. */
    public static final String AFTER = "after";
    /** Appended to a point ({@code <point> until-released}): pause only until the drill deletes the marker. */
    public static final String UNTIL_RELEASED = "until-released";

    private final Path file;

    @Inject
    public Failpoints(FailpointConfig config) {
        this(config.file().map(Path::of).orElse(null));
    }

    /** @param file the armed file, or null for none */
    public Failpoints(Path file) {
        this.file = file;
        if (file != null) {
            LOG.warnf("failpoints armed from %s: this service pauses for good at the points it names (drills only)", file);
        }
    }

    /** No failpoint: what tests of the runner alone use. */
    public static Failpoints none() {
        return new Failpoints((Path) null);
    }

    /**
     * Pauses when {@code command} at {@code when} ({@link #BEFORE} or {@link #AFTER}) is armed: forever, or until the
     * marker is deleted when armed {@link #UNTIL_RELEASED}.
     */
    public void reached(StepCommand command, String when) {
        if (file == null || !Files.exists(file)) {
            return;
        }
        List<String> armed;
        try {
            armed = Files.readAllLines(file).stream().map(String::trim).toList();
        } catch (IOException e) {
            LOG.warnf("failpoint file %s unreadable: %s", file, e.getMessage());
            return;
        }
        String byId = command.stepId() + "@" + when;
        String byType = command.type().name() + "@" + when;
        boolean untilReleased = armed.contains(byId + " " + UNTIL_RELEASED) || armed.contains(byType + " " + UNTIL_RELEASED);
        if (!armed.contains(byId) && !armed.contains(byType) && !untilReleased) {
            return;
        }
        Path marker = file.resolveSibling(file.getFileName() + ".reached");
        LOG.warnf("failpoint %s reached: this service pauses here %s", byId,
                untilReleased ? "until " + marker + " is deleted" : "until it is killed");
        try {
            Files.writeString(marker, byId);
            while (!untilReleased || Files.exists(marker)) {
                Thread.sleep(untilReleased ? 20 : 60_000);
            }
            LOG.warnf("failpoint %s released: this service goes on", byId);
        } catch (IOException e) {
            throw new IllegalStateException("failpoint " + byId + ": cannot write its marker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("failpoint " + byId + " interrupted", e);
        }
    }
}
