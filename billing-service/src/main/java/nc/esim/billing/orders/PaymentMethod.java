package nc.esim.billing.orders;

/**
 * How an order is paid. Card, PayPal and cash taken by a partner shop are confirmed by the channel
 * when the order is placed; the others confirm later through a signed callback.
 */
public enum PaymentMethod {
    CARD(true), PAYPAL(true), CASH(true), BANK_TRANSFER(false), WECHAT_PAY(false), ALIPAY(false);

    private final boolean confirmedByChannel;

    PaymentMethod(boolean confirmedByChannel) {
        this.confirmedByChannel = confirmedByChannel;
    }

    public boolean confirmedByChannel() {
        return confirmedByChannel;
    }
}
