package nc.esim.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

class QuietHoursTest {
    private final QuietHours nights = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    private static Instant noumea(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(nc.esim.contracts.Zones.NOUMEA).toInstant();
    }

    @Test
    void aNonUrgentSmsAtNightWaitsForEightInTheMorningNouméaTime() {
        assertThat(nights.deferredUntil(noumea("2026-11-22T22:30:00"), false)).contains(noumea("2026-11-23T08:00:00"));
        assertThat(nights.deferredUntil(noumea("2026-11-23T03:00:00"), false)).contains(noumea("2026-11-23T08:00:00"));
        assertThat(nights.deferredUntil(noumea("2026-11-22T21:00:00"), false)).contains(noumea("2026-11-23T08:00:00"));
    }

    @Test
    void daytimeAndUrgentSmsGoAtOnce() {
        assertThat(nights.deferredUntil(noumea("2026-11-23T08:00:00"), false)).isEmpty();
        assertThat(nights.deferredUntil(noumea("2026-11-22T20:59:59"), false)).isEmpty();
        assertThat(nights.deferredUntil(noumea("2026-11-22T23:00:00"), true)).isEmpty();
    }

    @Test
    void aWindowWithinOneDayAndAnEmptyWindowWork() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30));
        assertThat(lunch.deferredUntil(noumea("2026-11-22T12:15:00"), false)).contains(noumea("2026-11-22T13:30:00"));
        assertThat(lunch.deferredUntil(noumea("2026-11-22T14:00:00"), false)).isEmpty();
        assertThat(new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT).deferredUntil(noumea("2026-11-22T03:00:00"), false))
                .isEmpty();
    }
}
