-- Access control: the audit log of every state-changing call (who, which role and shop, what, when, from
-- which address, the outcome), written by service-support's AuditTrail and read by operators. It is
-- append-only: the triggers refuse UPDATE, DELETE and TRUNCATE, whatever the caller.
create table audit_entry (
    id              bigserial primary key,
    at              timestamptz not null,
    caller          text not null,
    roles           text[] not null,
    shop_id         text,
    method          text not null,
    path            text not null,
    status          int not null,
    remote_address  text,
    idempotency_key text
);
create index audit_entry_at on audit_entry (at);
create index audit_entry_caller on audit_entry (caller, id);

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % refused', tg_op;
end
$$;
create trigger audit_entry_no_change before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();
