-- Renewals: how an order was paid and which period it bought.
alter table customer_order add column payment_method text not null default 'CARD';
alter table customer_order add column period_start timestamptz;
alter table customer_order add column period_end timestamptz;

-- Idempotency keys of state-changing requests: the first successful response is kept and returned
-- again for the same key and body; another body under the same key is refused. Kept at least
-- billing.idempotency.retention (48 h by default), then deleted.
create table idempotency_key (
    scope           text not null,
    idempotency_key text not null,
    request_hash    text not null,
    response_status int not null,
    response_body   text not null,
    created_at      timestamptz not null,
    primary key (scope, idempotency_key)
);
create index idempotency_key_created on idempotency_key (created_at);
