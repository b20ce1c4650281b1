package nc.esim.billing.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * A code was asked for. The same answer whether the number is one of ours or not: only its holder can
 * tell, by receiving the SMS.
 *
 * @param challengeId to confirm with the code
 * @param expiresAt   when the code stops being accepted
 * @param maxTries    wrong codes accepted before the challenge is locked
 */
public record ChallengeView(UUID challengeId, Instant expiresAt, int maxTries) {
}
