-- Orders paid by a method that confirms later (bank transfer, WeChat Pay, Alipay, and auto-renewals
-- charged to a stored card) wait for a confirmation callback signed with HMAC-SHA256. Nothing is
-- granted until it arrives; an order not confirmed by payment_due_by expires. An order confirmed when
-- what it bought can no longer be granted (a data pack for a subscription that has ended meanwhile) is
-- REFUND_DUE.
alter table customer_order add column status text not null default 'CONFIRMED'
    check (status in ('CONFIRMED', 'AWAITING_PAYMENT', 'PAYMENT_EXPIRED', 'REFUND_DUE'));
alter table customer_order add column payment_due_by timestamptz;
alter table customer_order add column confirmed_at timestamptz;
alter table customer_order add column payment_reference text;
-- an auto-renewal at data exhaustion starts its period when it is paid, not at the end of the current one
alter table customer_order add column starts_at_confirmation boolean not null default false;
alter table customer_order add constraint customer_order_awaiting_has_due_date
    check (status <> 'AWAITING_PAYMENT' or payment_due_by is not null);
create index customer_order_awaiting_payment on customer_order (payment_due_by) where status = 'AWAITING_PAYMENT';

-- Promotions as data, valid between two instants: a data bonus on a subscription's first data pack,
-- and a discount on a renewal made before expiry when it is the n-th such renewal in a row.
create table promotion (
    code                    text primary key,
    name                    text not null,
    kind                    text not null check (kind in ('FIRST_TOP_UP_BONUS', 'EARLY_RENEWAL_DISCOUNT')),
    bonus_data_bytes        bigint not null default 0 check (bonus_data_bytes >= 0),
    discount_percent        int not null default 0 check (discount_percent between 0 and 100),
    early_renewals_in_a_row int not null default 0 check (early_renewals_in_a_row >= 0),
    valid_from              timestamptz not null,
    valid_until             timestamptz not null,
    retired                 boolean not null default false,
    updated_at              timestamptz not null default now(),
    check (valid_until > valid_from),
    check ((kind = 'FIRST_TOP_UP_BONUS' and bonus_data_bytes > 0 and discount_percent = 0)
        or (kind = 'EARLY_RENEWAL_DISCOUNT' and discount_percent > 0 and early_renewals_in_a_row > 0 and bonus_data_bytes = 0))
);
insert into promotion (code, name, kind, bonus_data_bytes, discount_percent, early_renewals_in_a_row, valid_from, valid_until) values
    ('FIRST-PACK-BONUS', 'First data pack: 1 GB more', 'FIRST_TOP_UP_BONUS', 1073741824, 0, 0,
        '2026-01-01T00:00:00+11:00', '2028-01-01T00:00:00+11:00'),
    ('LOYAL-RENEWAL', '10 % off from the third renewal in a row made before expiry', 'EARLY_RENEWAL_DISCOUNT', 0, 10, 3,
        '2026-01-01T00:00:00+11:00', '2028-01-01T00:00:00+11:00');

alter table customer_order add column discount_minor bigint not null default 0 check (discount_minor >= 0);
alter table customer_order add column promotion_code text references promotion (code);
alter table customer_order add column bonus_data_bytes bigint not null default 0 check (bonus_data_bytes >= 0);
-- renewals confirmed before the end of the period they extend, in a row (a late one starts again at 0)
alter table subscription add column early_renewals_in_a_row int not null default 0;

-- Auto-renewal: the platform places a renewal itself, charged to a method stored at the payment
-- provider, before the subscription ends or when its data runs out.
alter table subscription add column auto_renew boolean not null default false;
alter table subscription add column auto_renew_method text check (auto_renew_method in ('CARD', 'PAYPAL'));
alter table subscription add constraint subscription_auto_renew_has_method check (not auto_renew or auto_renew_method is not null);

-- Data allowances used up, from usage-service's 100 % alerts (one row per allowance, however often the
-- alert is replayed). A subscription is out of data when every live data allowance is in here.
create table exhausted_allowance (
    allowance_id    text primary key,
    subscription_id uuid not null references subscription (id),
    exhausted_at    timestamptz not null
);
