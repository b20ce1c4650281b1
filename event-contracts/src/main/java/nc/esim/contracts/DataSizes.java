package nc.esim.contracts;

import java.util.Locale;

/**
 * Data quantities for people: MB below a GB, GB above, one decimal, in the binary units shops sell
 * quotas in (1 GB = 2^30 bytes, 1 MB = 2^20), as the customer's messages word them.
 */
public final class DataSizes {
    private static final double MB = 1L << 20;
    private static final double GB = 1L << 30;

    private DataSizes() {
    }

    /** "238.0 MB", "1.5 GB", "0 MB" for nothing. */
    public static String forPeople(long bytes) {
        if (bytes == 0) {
            return "0 MB";
        }
        if (bytes < GB) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / GB);
    }
}
