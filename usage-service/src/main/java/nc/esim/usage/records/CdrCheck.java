package nc.esim.usage.records;

import nc.esim.contracts.cdr.CdrV1;

/** The verdict on one CDR: accepted with its content, or refused with a reason. */
public sealed interface CdrCheck {
    record Accepted(CdrV1 cdr) implements CdrCheck {
    }

    record Refused(CdrRejectionReason reason, String detail) implements CdrCheck {
    }
}
