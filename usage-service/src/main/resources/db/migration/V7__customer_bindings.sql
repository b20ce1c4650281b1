-- Which customer account holds each eSIM, as billing-service tells on esim.customer-binding.v1: a customer
-- token reads only the eSIMs bound to it. An unbound eSIM keeps its row (account null) for its revision,
-- so that an older event arriving late cannot bind it again.
create table customer_binding (
    iccid               text primary key,
    account             text,
    revision            bigint not null,
    changed_at          timestamptz not null,
    -- the balance on esim.usage.balance.v1: when it was last read (the database's clock) and what was sent
    balance_checked_at  timestamptz,
    balance_sent        text
);
create index customer_binding_account on customer_binding (account) where account is not null;

-- When an allowance was last granted or changed (the database's clock): a bound eSIM's balance is sent again.
alter table allowance add column changed_at timestamptz not null default now();
