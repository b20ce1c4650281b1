-- Which customer account holds each eSIM, from esim.customer-binding.v1: a customer token reads the
-- preferences and delivery log of its own eSIMs only. An unbound eSIM keeps its row (account null).
create table customer_binding (
    iccid       text primary key,
    account     text,
    revision    bigint not null,
    changed_at  timestamptz not null
);

-- One-time codes are secrets: once their SMS is settled the code leaves the stored parameters.
create index notification_codes_to_redact on notification (id) where template = 'binding-code' and jsonb_exists(parameters, 'code');
