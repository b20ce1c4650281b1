package nc.esim.support.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nc.esim.contracts.Zones;

class MovableClockTest {
    private static final Instant MACHINE_NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final Clock machine = Clock.fixed(MACHINE_NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private record Config(Duration offset, Optional<Path> offsetFile) implements ClockConfig {
        @Override
        public Duration refreshInterval() {
            return Duration.ofSeconds(1);
        }
    }

    @Test
    void theClockRunsItsOffsetAheadOfTheMachineAndMovesForward() {
        MovableClock clock = new MovableClock(machine, Duration.ofDays(1));
        assertThat(clock.instant()).isEqualTo(MACHINE_NOW.plus(Duration.ofDays(1)));
        assertThat(clock.moveTo(Duration.ofDays(3))).isTrue();
        assertThat(clock.instant()).isEqualTo(MACHINE_NOW.plus(Duration.ofDays(3)));
        assertThat(clock.millis()).isEqualTo(MACHINE_NOW.plus(Duration.ofDays(3)).toEpochMilli());
    }

    @Test
    void theClockNeverMovesBack() {
        MovableClock clock = new MovableClock(machine, Duration.ofDays(3));
        assertThat(clock.moveTo(Duration.ofDays(1))).isFalse();
        assertThat(clock.offset()).isEqualTo(Duration.ofDays(3));
        assertThatThrownBy(() -> new MovableClock(machine, Duration.ofHours(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClockInNoumeasZoneMovesWithTheServicesClock() {
        MovableClock clock = new MovableClock(machine, Duration.ZERO);
        Clock noumea = clock.withZone(Zones.NOUMEA);
        clock.moveTo(Duration.ofDays(2));
        // 10:00 UTC is 21:00 in Nouméa (UTC+11): two days later it is 4 December there
        assertThat(LocalDate.now(noumea)).isEqualTo(LocalDate.parse("2026-12-04"));
        assertThat(noumea.instant()).isEqualTo(clock.instant());
    }

    @Test
    void productionRefusesAMovedClockAndTestsAndTheLocalPlatformAllowIt() {
        Config moved = new Config(Duration.ofDays(3), Optional.empty());
        Config byFile = new Config(Duration.ZERO, Optional.of(dir.resolve("offset")));
        assertThatThrownBy(() -> ClockProducer.check(moved, List.of("prod"))).hasMessageContaining("not for profiles [prod]");
        assertThatThrownBy(() -> ClockProducer.check(byFile, List.of("prod"))).isInstanceOf(IllegalStateException.class);
        ClockProducer.check(moved, List.of("prod", "local"));
        ClockProducer.check(byFile, List.of("test"));
        ClockProducer.check(new Config(Duration.ZERO, Optional.empty()), List.of("prod"));
    }

    @Test
    void theOffsetFileMovesTheClockAndABackwardOrUnreadableOffsetChangesNothing() throws Exception {
        Path file = dir.resolve("offset");
        MovableClock clock = new MovableClock(machine, Duration.ZERO);
        ClockOffsetFile reader = new ClockOffsetFile(clock, new Config(Duration.ZERO, Optional.of(file)));
        reader.readFrom(file); // not written yet
        assertThat(clock.offset()).isZero();

        Files.writeString(file, "P3D\n");
        reader.readFrom(file);
        assertThat(clock.offset()).isEqualTo(Duration.ofDays(3));

        Files.writeString(file, "P1D");
        reader.readFrom(file);
        Files.writeString(file, "three days");
        reader.readFrom(file);
        assertThat(clock.offset()).isEqualTo(Duration.ofDays(3));
    }
}
