package nc.esim.support.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Moves the service's clock to the offset {@code esim.clock.offset-file} holds, every
 * {@code esim.clock.refresh-interval}. A missing file, an unreadable offset or one that would move time
 * back changes nothing (and says so once per value).
 */
@ApplicationScoped
public class ClockOffsetFile {
    private static final Logger LOG = Logger.getLogger(ClockOffsetFile.class);

    private final MovableClock clock;
    private final ClockConfig config;
    private volatile String lastRefused;

    public ClockOffsetFile(MovableClock clock, ClockConfig config) {
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "${esim.clock.refresh-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        config.offsetFile().ifPresent(this::readFrom);
    }

    void readFrom(Path file) {
        String text;
        try {
            text = Files.readString(file).trim();
        } catch (NoSuchFileException notYet) {
            return;
        } catch (IOException e) {
            refused(file + ": " + e.getMessage());
            return;
        }
        if (text.isEmpty()) {
            return;
        }
        Duration offset;
        try {
            offset = Duration.parse(text);
        } catch (DateTimeParseException e) {
            refused("not an ISO-8601 duration in " + file + ": " + text);
            return;
        }
        Duration before = clock.offset();
        if (offset.equals(before)) {
            return;
        }
        if (clock.moveTo(offset)) {
            LOG.infof("clock moved from %s to %s ahead of the machine's: now %s", before, offset, clock.instant());
        } else {
            refused("the clock moves forward only: it runs " + before + " ahead, " + file + " says " + offset);
        }
    }

    private void refused(String why) {
        if (!why.equals(lastRefused)) {
            lastRefused = why;
            LOG.warn(why);
        }
    }
}
