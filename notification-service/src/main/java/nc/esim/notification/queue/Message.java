package nc.esim.notification.queue;

import nc.esim.contracts.EventMetadata;
import nc.esim.notification.events.MessageParameters;

/**
 * A message an event calls for, before the customer's rules are applied.
 *
 * @param cause    the event that caused it (its id makes a replay produce nothing new)
 * @param category SERVICE (about the customer's line), MARKETING, or SECURITY (a one-time code the customer
 *                 asked for, which no opt-out stops)
 * @param urgent   must go out at once (data used up), even in quiet hours
 * @param language the event's language; the customer's preference, when set, wins
 * @param email    where to send the email, null for none
 * @param msisdn   where to send the SMS, null for none
 */
public record Message(EventMetadata cause, String iccid, String template, String category, boolean urgent,
                      MessageParameters parameters, String language, String email, String msisdn) {
}
