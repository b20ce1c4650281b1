-- Customers of the operator's app and website. An account is the identity provider's subject of the
-- customer's tokens; it holds the eSIMs bound to it once the customer proved, with a one-time code sent by
-- SMS, that it holds the line. One account per eSIM: a later proof by another holder moves it.
create table customer_account (
    account     text primary key,
    created_at  timestamptz not null
);

create sequence esim_binding_revision;

create table esim_binding (
    iccid       text primary key,
    account     text not null references customer_account (account),
    msisdn      text not null,
    eid         text,
    nickname    text,
    bound_at    timestamptz not null,
    revision    bigint not null
);
create index esim_binding_account on esim_binding (account, bound_at);

-- A request for a code: only a keyed hash of the code is kept (HMAC-SHA256 under
-- billing.bindings.code-key, salted with the challenge id). iccid is null when no subscription has the
-- MSISDN: nothing was sent, and no code matches, but the caller is answered alike.
create table binding_challenge (
    id            uuid primary key,
    account       text not null references customer_account (account),
    msisdn        text not null,
    iccid         text,
    eid           text,
    nickname      text,
    code_hash     bytea not null,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    failed_tries  int not null default 0,
    state         text not null check (state in ('OPEN', 'CONFIRMED', 'LOCKED', 'VOID'))
);
-- the flood limits count the requests of the last hour per account and per number
create index binding_challenge_account on binding_challenge (account, created_at);
create index binding_challenge_msisdn on binding_challenge (msisdn, created_at);

-- What a bound eSIM has left, as usage-service last told (esim.usage.balance.v1).
create table usage_balance (
    iccid               text primary key,
    data_left_bytes     bigint not null,
    data_limit_bytes    bigint not null,
    voice_left_seconds  bigint not null,
    sms_left            bigint not null,
    valid_until         timestamptz,
    as_of               timestamptz not null
);
