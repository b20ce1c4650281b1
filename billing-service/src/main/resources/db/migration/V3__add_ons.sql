-- Add-ons are data, like plans: a data pack adds quota until the current expiry, an extension adds days
-- to it. Prices in whole XPF.
create table add_on (
    code            text primary key,
    name            text not null,
    kind            text not null check (kind in ('DATA_PACK', 'EXTENSION')),
    data_bytes      bigint not null default 0 check (data_bytes >= 0),
    extra_days      int not null default 0 check (extra_days >= 0),
    price_minor     bigint not null check (price_minor >= 0),
    currency        char(3) not null default 'XPF',
    retired         boolean not null default false,
    check ((kind = 'DATA_PACK' and data_bytes > 0) or (kind = 'EXTENSION' and extra_days > 0))
);

insert into add_on (code, name, kind, data_bytes, extra_days, price_minor) values
    ('DATA-1GB',  'Data pack 1 GB',      'DATA_PACK', 1073741824, 0,  800),
    ('DATA-5GB',  'Data pack 5 GB',      'DATA_PACK', 5368709120, 0, 2500),
    ('EXTEND-7D', 'Seven more days',     'EXTENSION', 0,          7, 1200);

-- An order buys a plan period or an add-on.
alter table customer_order alter column plan_code drop not null;
alter table customer_order add column add_on_code text references add_on (code);
alter table customer_order add constraint customer_order_buys_one_thing
    check ((plan_code is null) <> (add_on_code is null));
