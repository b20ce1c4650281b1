package nc.esim.usage;

import nc.esim.contracts.Identifiers;
import nc.esim.support.problems.Problems;

/** Checks of path parameters shared by the usage APIs; each failure is a 400 problem. */
public final class ApiInputs {
    private ApiInputs() {
    }

    public static String iccid(String iccid) {
        if (!Identifiers.isValidIccid(iccid)) {
            throw Problems.of(400, "invalid-iccid", "Invalid ICCID",
                    "An ICCID here has 19 or 20 digits, starts with 89687 and ends with a Luhn check digit");
        }
        return iccid;
    }

    /** Accepts +687NNNNNN, and 687NNNNNN (a "+" is easily lost in a URL). */
    public static String msisdn(String msisdn) {
        String normalised = msisdn != null && msisdn.startsWith("687") ? "+" + msisdn : msisdn;
        if (!Identifiers.isValidMsisdn(normalised)) {
            throw Problems.of(400, "invalid-msisdn", "Invalid MSISDN", "An MSISDN here is +687 followed by 6 digits");
        }
        return normalised;
    }
}
