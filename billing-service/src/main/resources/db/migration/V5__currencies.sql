-- Exchange rates as data: XPF for one unit of a currency, set by operators; EUR is fixed by the peg
-- (1 EUR = 119.33174 XPF) and cannot be changed through the API.
create table exchange_rate (
    currency        char(3) primary key,
    xpf_per_unit    numeric(18, 8) not null check (xpf_per_unit > 0),
    minor_units     int not null check (minor_units between 0 and 3),
    pegged          boolean not null default false,
    updated_at      timestamptz not null
);
insert into exchange_rate (currency, xpf_per_unit, minor_units, pegged, updated_at)
    values ('EUR', 119.33174, 2, true, now());

-- What the customer paid when not in XPF: the rate snapshotted at payment time, the conversion fee
-- (whole XPF) and the amount in the payment currency's minor units.
alter table customer_order add column fee_minor bigint not null default 0;
alter table customer_order add column paid_currency char(3);
alter table customer_order add column paid_amount_minor bigint;
alter table customer_order add column rate_xpf_per_unit numeric(18, 8);
