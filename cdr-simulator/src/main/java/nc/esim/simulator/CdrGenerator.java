package nc.esim.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import nc.esim.contracts.EventJson;
import nc.esim.contracts.Zones;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.cdr.UsageType;

/**
 * An endless, reproducible stream of CDRs as carrier mediation sends them: data sessions and calls
 * split into partial records, SMS, over a Pacific/Noumea day's rhythm, with resent, late,
 * out-of-order and malformed records mixed in at the profile's rates. Every record handed out is
 * accounted for in {@link #groundTruth()}, so a consumer can be checked against it exactly.
 */
public final class CdrGenerator implements Iterator<SimulatedRecord> {
    /** Relative traffic per local hour: quiet at night, peaks at lunch and in the evening. */
    private static final double[] HOURLY_RHYTHM =
            {1, 0.5, 0.3, 0.3, 0.5, 1, 2, 4, 5, 5, 5, 6, 7, 6, 5, 5, 6, 7, 8, 8, 7, 5, 3, 2};
    private static final double RHYTHM_SUM = java.util.Arrays.stream(HOURLY_RHYTHM).sum();

    private record PendingResend(long dueAt, SimulatedRecord record) {
    }

    private final SimulationProfile profile;
    private final Clock liveClock;
    private final Instant liveSince;
    private final SplittableRandom random;
    private final GroundTruth truth = new GroundTruth();
    private final Deque<CdrV1> sessionParts = new ArrayDeque<>();
    private final PriorityQueue<PendingResend> resends =
            new PriorityQueue<>((a, b) -> Long.compare(a.dueAt(), b.dueAt()));
    private final long chargingIdBase;
    private long chargingIds;
    private long emitted;
    private int malformedKind;

    private CdrGenerator(SimulationProfile profile, Clock liveClock, Instant liveSince) {
        this.profile = profile;
        this.liveClock = liveClock;
        this.liveSince = liveSince;
        this.random = new SplittableRandom(profile.seed());
        // Distinct runs (seeds) never reuse a charging id, so their records never share an identity.
        this.chargingIdBase = Math.floorMod(profile.seed(), 1_000_000L) * 10_000_000_000L;
    }

    /** Traffic spread over the profile's day, as a day's worth of records replayed at once. */
    public static CdrGenerator forDay(SimulationProfile profile) {
        return new CdrGenerator(profile, null, null);
    }

    /** Traffic happening now, by the clock. */
    public static CdrGenerator live(SimulationProfile profile, Clock clock) {
        return new CdrGenerator(profile, clock, null);
    }

    /**
     * Traffic happening now, by the clock, by eSIMs that only exist since {@code since} (the demo sells
     * their plans just before): no session starts before it; sessions are shortened to fit instead.
     * Late records (the profile's late rate) may still be older, as a carrier's would be.
     */
    public static CdrGenerator liveSince(SimulationProfile profile, Clock clock, Instant since) {
        return new CdrGenerator(profile, clock, since);
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public SimulatedRecord next() {
        emitted++;
        truth.countSent();
        PendingResend due = resends.peek();
        if (due != null && due.dueAt() <= emitted) {
            resends.poll();
            truth.countDuplicate();
            return due.record();
        }
        if (random.nextDouble() < profile.malformedRate()) {
            truth.countMalformed();
            return malformed(newSession(1).get(0));
        }
        if (sessionParts.isEmpty()) {
            sessionParts.addAll(newSession(0));
        }
        CdrV1 cdr = sessionParts.poll();
        truth.accepted(cdr);
        SimulatedRecord record = new SimulatedRecord(cdr.iccid(), EventJson.write(cdr));
        if (random.nextDouble() < profile.duplicateRate()) {
            resends.add(new PendingResend(emitted + 1 + random.nextInt(200), record));
        }
        return record;
    }

    public GroundTruth groundTruth() {
        return truth;
    }

    /** A session's partial records in the order they will be sent; {@code forcedParts} > 0 fixes the count. */
    private List<CdrV1> newSession(int forcedParts) {
        int subscriber = profile.firstSubscriber() + random.nextInt(profile.subscribers());
        String iccid = Subscribers.iccid(subscriber);
        String msisdn = Subscribers.msisdn(subscriber);
        long chargingId = chargingIdBase + ++chargingIds;
        double kind = random.nextDouble();
        UsageType type = kind < 0.6 ? UsageType.DATA : kind < 0.85 ? UsageType.VOICE : UsageType.SMS;
        int parts = forcedParts > 0 ? forcedParts
                : switch (type) {
                    case DATA -> 1 + random.nextInt(4);
                    case VOICE -> 1 + random.nextInt(2);
                    case SMS -> 1;
                };
        long[] durations = new long[parts];
        long sessionSeconds = 0;
        for (int i = 0; i < parts; i++) {
            durations[i] = switch (type) {
                case DATA -> 60 + random.nextInt(840);
                case VOICE -> 5 + random.nextInt(1800);
                case SMS -> 0;
            };
            sessionSeconds += durations[i];
        }
        if (liveSince != null) {
            long available = Math.max(0, java.time.Duration.between(liveSince, liveClock.instant()).toSeconds());
            if (sessionSeconds > available) { // shorten every part alike so that the session fits
                long shortened = 0;
                for (int i = 0; i < parts; i++) {
                    durations[i] = sessionSeconds == 0 ? 0 : durations[i] * available / sessionSeconds;
                    shortened += durations[i];
                }
                sessionSeconds = shortened;
            }
        }
        Instant start = sessionStart(sessionSeconds);
        if (forcedParts == 0 && random.nextDouble() < profile.lateRate()) {
            start = start.minus(Duration.ofMinutes(60 + random.nextInt(3 * 24 * 60)));
            truth.countLate();
        }
        String counterParty = type == UsageType.DATA ? null : "+687" + (200000 + random.nextInt(800000));
        List<CdrV1> records = new ArrayList<>(parts);
        Instant partStart = start;
        for (int sequence = 1; sequence <= parts; sequence++) {
            long seconds = durations[sequence - 1];
            long up = type == UsageType.DATA ? 1_000 + random.nextInt(2_000_000) : 0;
            long down = type == UsageType.DATA ? 10_000 + random.nextInt(20_000_000) : 0;
            records.add(new CdrV1(CdrV1.SCHEMA_VERSION, recordingNode(type), chargingId, sequence, iccid, msisdn,
                    type, partStart, up, down, seconds, counterParty, sequence == parts));
            partStart = partStart.plusSeconds(seconds);
        }
        if (parts > 1 && random.nextDouble() < profile.outOfOrderRate()) {
            Collections.reverse(records);
        }
        return records;
    }

    /**
     * When a session of {@code sessionSeconds} started. Live, it has just ended (mediation sends the
     * records of a session once its parts are closed), so no part starts in the future.
     */
    private Instant sessionStart(long sessionSeconds) {
        if (liveClock != null) {
            Instant start = liveClock.instant().minusSeconds(sessionSeconds + random.nextInt(120));
            return liveSince != null && start.isBefore(liveSince) ? liveSince : start;
        }
        double pick = random.nextDouble() * RHYTHM_SUM;
        int hour = 0;
        while (pick >= HOURLY_RHYTHM[hour] && hour < 23) {
            pick -= HOURLY_RHYTHM[hour];
            hour++;
        }
        return profile.day().atStartOfDay(Zones.NOUMEA).toInstant()
                .plusSeconds(hour * 3600L + random.nextInt(3600));
    }

    private static String recordingNode(UsageType type) {
        return switch (type) {
            case DATA -> "PGW-NOU-01";
            case VOICE -> "MSC-NOU-01";
            case SMS -> "SMSC-NOU-01";
        };
    }

    /** One of the ways a record reaches us broken; each must be rejected by the consumer. */
    private SimulatedRecord malformed(CdrV1 valid) {
        String json = new String(EventJson.write(valid), StandardCharsets.UTF_8);
        String broken = switch (malformedKind++ % 6) {
            case 0 -> json.substring(0, json.length() / 2);
            case 1 -> json.replace(valid.iccid(), flipLastDigit(valid.iccid()));
            case 2 -> json.replace("\"uplinkBytes\":" + valid.uplinkBytes(), "\"uplinkBytes\":-500")
                    .replace("\"durationSeconds\":" + valid.durationSeconds(), "\"durationSeconds\":-5");
            case 3 -> json.replace("\"type\":\"" + valid.type() + "\"", "\"type\":\"FAX\"");
            case 4 -> json.replace(valid.startTime().toString(),
                    valid.startTime().plus(Duration.ofDays(3650)).toString()); // a node clock ten years off
            default -> json.replace("\"schemaVersion\":1", "\"schemaVersion\":99");
        };
        return new SimulatedRecord(valid.iccid(), broken.getBytes(StandardCharsets.UTF_8));
    }

    private static String flipLastDigit(String digits) {
        char last = digits.charAt(digits.length() - 1);
        return digits.substring(0, digits.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }
}
