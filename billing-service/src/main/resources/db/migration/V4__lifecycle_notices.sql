-- Lifecycle notices already given: one row per subscription, period end and notice, written in the
-- transaction that emits the event, so that a notice goes out once per period whatever restarts or
-- how many scheduler instances run.
create table lifecycle_notice (
    subscription_id uuid not null references subscription (id),
    period_end      timestamptz not null,
    notice          text not null,
    emitted_at      timestamptz not null,
    primary key (subscription_id, period_end, notice)
);

-- The expiry scan reads subscriptions by end of validity.
create index subscription_valid_until on subscription (valid_until);
