package nc.esim.billing.subscriptions;

/** Where a sale or renewal came from. */
public enum SalesChannel {
    APP, WEB, WECHAT, ALIPAY, SUPPORT_DESK, PARTNER_SHOP
}
