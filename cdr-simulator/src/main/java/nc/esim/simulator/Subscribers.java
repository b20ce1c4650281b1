package nc.esim.simulator;

import nc.esim.contracts.Identifiers;

/** The simulated eSIMs: ICCID and MSISDN of subscriber number i, the same in every run. */
public final class Subscribers {
    private Subscribers() {
    }

    /** 19-digit ICCID: 89 687 01 (simulated issuer), an 11-digit serial, the Luhn digit. */
    public static String iccid(int index) {
        return Identifiers.withLuhnDigit("8968701" + String.format("%011d", index));
    }

    /** +687 and six digits; the 7xxxxx range is mobile in New Caledonia. */
    public static String msisdn(int index) {
        return "+687" + (700000 + index % 300000);
    }
}
