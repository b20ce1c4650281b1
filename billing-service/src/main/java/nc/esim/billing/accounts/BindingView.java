package nc.esim.billing.accounts;

import java.time.Instant;

/** An eSIM bound to the caller's account. */
public record BindingView(String iccid, String msisdn, String eid, String nickname, Instant boundAt) {
}
