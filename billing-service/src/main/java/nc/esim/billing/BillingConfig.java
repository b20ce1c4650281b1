package nc.esim.billing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** billing-service settings (application.properties, prefix {@code billing}). */
@ConfigMapping(prefix = "billing")
public interface BillingConfig {

    /** The CloudEvents source of every event this service publishes. */
    @WithDefault("/billing-service")
    String eventSource();

    Idempotency idempotency();

    Renewal renewal();

    interface Idempotency {
        /** How long an idempotency key and its first response are kept; at least 24 hours. */
        @WithDefault("P2D")
        java.time.Duration retention();
    }

    Lifecycle lifecycle();

    Payments payments();

    interface Payments {
        /** The fee on a payment in another currency than XPF, in percent of the XPF price. */
        @WithDefault("2")
        java.math.BigDecimal conversionFeePercent();

        /** How long an order paid by bank transfer, WeChat Pay, Alipay or an auto-renewal charge waits for its confirmation. */
        @WithDefault("PT24H")
        java.time.Duration confirmationTimeout();

        /** The shared secret payment providers sign confirmation callbacks with (HMAC-SHA256); no default. */
        String callbackSecret();

        /** How often overdue unconfirmed orders are expired (a Quarkus scheduler interval; "off" on demand only). */
        @WithDefault("1m")
        String expiryInterval();
    }

    interface Lifecycle {
        /** How long before the end of validity each expiring-soon reminder goes out. */
        @WithDefault("P3D,P1D")
        java.util.List<java.time.Duration> reminderOffsets();

        /** How often the expiry scan runs (a Quarkus scheduler interval; "off" to run it only on demand). */
        @WithDefault("1m")
        String scanInterval();

        /** How long before the end of validity an auto-renewal is placed (its payment must be confirmed before the end). */
        @WithDefault("P2D")
        java.time.Duration autoRenewBefore();

        /**
         * Subscriptions handled per scan transaction. A renewal of one of them waits for the batch to commit
         * (about 0.25 s at 2,000); the first scan over 1,000,000 took 19.3 s in batches of 500, 11.8 s in
         * batches of 2,000 and 12.0 s in batches of 5,000 (bench/renewals --part scan).
         */
        @WithDefault("2000")
        int batchSize();

        /**
         * Slices of a notice's window scanned at once, each with its own transactions. PostgreSQL does most of
         * a scan's work, one backend per slice (bench/renewals --part scan).
         */
        @WithDefault("2")
        int scanWorkers();
    }

    DataExhaustion dataExhaustion();

    Bindings bindings();

    /** Binding an eSIM to a customer account with a one-time code sent by SMS. */
    interface Bindings {
        /**
         * The key the codes are hashed under (HMAC-SHA256); from the environment
         * (BILLING_BINDINGS_CODE_KEY), never a command line. Without one, binding answers 503.
         */
        java.util.Optional<String> codeKey();

        /** How long a code is accepted. */
        @WithDefault("PT10M")
        java.time.Duration codeValidity();

        /** Wrong codes a challenge takes before it is locked. */
        @WithDefault("5")
        int maxTries();

        /** Codes an account may ask for in an hour. */
        @WithDefault("5")
        int codesPerAccountPerHour();

        /** Codes sent to one number in an hour, whoever asks: nobody can flood a stranger's phone. */
        @WithDefault("3")
        int codesPerMsisdnPerHour();
    }

    interface DataExhaustion {
        /** What happens when a subscription without auto-renewal runs out of data: SUSPEND it, or NONE. */
        @WithDefault("SUSPEND")
        Policy policy();

        /** SUSPEND the line until it is renewed or topped up, or NONE (leave it to the network). */
        enum Policy { SUSPEND, NONE }
    }

    interface Renewal {
        /** After expiry, how long a renewal still keeps the number (the grace period). */
        @WithDefault("P7D")
        java.time.Duration grace();

        /**
         * How many periods may be bought ahead of the one running now (paid or awaiting payment); one more
         * renewal is refused (409 too-far-ahead). Two lets a traveller buy the next weeks of a trip; ten
         * renewals in a row can no longer push validity months ahead.
         */
        @WithDefault("2")
        int maxPeriodsAhead();
    }
}
