package nc.esim.notification.queue;

import java.time.Instant;
import java.util.UUID;

import nc.esim.notification.events.MessageParameters;

/**
 * A message a dispatcher claimed to send: SENDING until {@code lease}, which also tells this claim from a later
 * one (a claim whose lease ran out may be taken again, and then only the newer claim may settle it).
 */
public record ClaimedMessage(UUID id, String causeEventId, String iccid, String destination, String template,
                             String language, MessageParameters parameters, int attempts, boolean urgent, Instant lease) {
}
