package nc.esim.simulator;

import java.time.LocalDate;

/**
 * What to simulate. Rates are fractions of generated records (0.02 = 2 %).
 *
 * @param firstSubscriber index of the first simulated eSIM ({@link Subscribers#iccid(int)})
 * @param subscribers     how many eSIMs produce traffic, from {@code firstSubscriber} on
 * @param seed            same seed, same records: a run can be reproduced exactly
 * @param day             the Pacific/Noumea day whose rhythm the traffic follows
 * @param duplicateRate   records resent by the carrier with the same identity and bytes
 * @param lateRate        records whose usage happened hours to days before the simulated day
 * @param outOfOrderRate  sessions whose partial records are sent in reverse order
 * @param malformedRate   records that must be rejected (not JSON, bad ICCID, negative bytes, …)
 */
public record SimulationProfile(
        int firstSubscriber,
        int subscribers,
        long seed,
        LocalDate day,
        double duplicateRate,
        double lateRate,
        double outOfOrderRate,
        double malformedRate) {

    public SimulationProfile {
        if (firstSubscriber < 0 || subscribers < 1) {
            throw new IllegalArgumentException("subscribers must be at least 1");
        }
        for (double rate : new double[] {duplicateRate, lateRate, outOfOrderRate, malformedRate}) {
            if (rate < 0 || rate > 0.5) {
                throw new IllegalArgumentException("rates are fractions between 0 and 0.5");
            }
        }
    }

    /** Realistic noise: 2 % resent, 1 % late, 5 % of sessions out of order, 0.5 % malformed. */
    public static SimulationProfile realistic(int subscribers, long seed, LocalDate day) {
        return new SimulationProfile(0, subscribers, seed, day, 0.02, 0.01, 0.05, 0.005);
    }

    /** No noise at all: the benchmark's clean input. */
    public static SimulationProfile clean(int subscribers, long seed, LocalDate day) {
        return new SimulationProfile(0, subscribers, seed, day, 0, 0, 0, 0);
    }

    /** The same traffic for the eSIMs numbered from {@code first} on, so that runs can use disjoint ICCIDs. */
    public SimulationProfile startingAt(int first) {
        return new SimulationProfile(first, subscribers, seed, day, duplicateRate, lateRate, outOfOrderRate, malformedRate);
    }
}
