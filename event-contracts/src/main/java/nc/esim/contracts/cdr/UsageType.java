package nc.esim.contracts.cdr;

/** What a CDR measures: a data session (bytes), a voice call (seconds) or one SMS. */
public enum UsageType {
    DATA, VOICE, SMS
}
