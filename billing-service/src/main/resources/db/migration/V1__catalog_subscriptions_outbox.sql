-- Plans are data, not code: prices in whole XPF (ISO 4217 minor units 0).
create table plan (
    code            text primary key,
    name            text not null,
    data_bytes      bigint not null check (data_bytes >= 0),
    voice_seconds   bigint not null default 0 check (voice_seconds >= 0),
    sms_count       bigint not null default 0 check (sms_count >= 0),
    validity_days   int not null check (validity_days > 0),
    price_minor     bigint not null check (price_minor >= 0),
    currency        char(3) not null default 'XPF',
    retired         boolean not null default false
);

insert into plan (code, name, data_bytes, voice_seconds, sms_count, validity_days, price_minor) values
    ('TRAVEL-3D-3GB',  'Travel 3 days, 3 GB',                        3221225472,    0,   0,  3, 1500),
    ('TRAVEL-7D-10GB', 'Travel 7 days, 10 GB',                      10737418240,    0,   0,  7, 3500),
    ('LOCAL-30D-50GB', 'Local 30 days, 50 GB, 100 min, 100 SMS',    53687091200, 6000, 100, 30, 5900);

create table subscription (
    id              uuid primary key,
    iccid           text not null unique,
    msisdn          text not null unique,
    plan_code       text not null references plan (code),
    status          text not null,
    email           text,
    language        text not null,
    activated_at    timestamptz not null,
    valid_until     timestamptz not null,
    version         bigint not null default 0
);

create sequence order_number_seq;

create table customer_order (
    order_number    text primary key,
    subscription_id uuid not null references subscription (id),
    kind            text not null,
    plan_code       text not null references plan (code),
    amount_minor    bigint not null,
    currency        char(3) not null,
    channel         text not null,
    created_at      timestamptz not null
);
create index customer_order_subscription on customer_order (subscription_id, created_at desc);

-- Transactional outbox: an event is written in the transaction of the state change it reports and
-- relayed to Kafka afterwards, in id order.
create table outbox_event (
    id              bigserial primary key,
    event_id        uuid not null unique,
    topic           text not null,
    event_key       text not null,
    event_type      text not null,
    source          text not null,
    occurred_at     timestamptz not null,
    payload         bytea not null,
    published_at    timestamptz
);
create index outbox_event_unpublished on outbox_event (id) where published_at is null;
