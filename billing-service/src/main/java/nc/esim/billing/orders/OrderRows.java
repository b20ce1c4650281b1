package nc.esim.billing.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * An order as a set-based statement selects it, for the event it goes into; never persisted. The entity's
 * fields are set here, beside it, so that no other package writes them.
 */
public final class OrderRows {
    /** The columns {@link #read} takes, in its order, from an order aliased {@code o}. */
    public static final String COLUMNS = "o.order_number, o.kind, o.plan_code, o.add_on_code, o.data_bytes, o.voice_seconds, "
            + "o.sms_count, o.period_start, o.period_end, o.amount_minor, o.discount_minor, o.fee_minor, o.currency";

    private OrderRows() {
    }

    /** The order whose {@link #COLUMNS} begin at column {@code first}; null when there is none (an outer join). */
    public static CustomerOrder read(ResultSet rows, int first) throws SQLException {
        String orderNumber = rows.getString(first);
        if (orderNumber == null) {
            return null;
        }
        CustomerOrder order = new CustomerOrder();
        order.orderNumber = orderNumber;
        order.kind = OrderKind.valueOf(rows.getString(first + 1));
        order.planCode = rows.getString(first + 2);
        order.addOnCode = rows.getString(first + 3);
        order.dataBytes = rows.getLong(first + 4);
        order.voiceSeconds = rows.getLong(first + 5);
        order.smsCount = rows.getLong(first + 6);
        order.periodStart = instant(rows.getTimestamp(first + 7));
        order.periodEnd = instant(rows.getTimestamp(first + 8));
        order.amountMinor = rows.getLong(first + 9);
        order.discountMinor = rows.getLong(first + 10);
        order.feeMinor = rows.getLong(first + 11);
        order.currency = rows.getString(first + 12);
        return order;
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
