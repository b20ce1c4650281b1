-- Sending for real (email first): what a message says (its parameters, no address), its attempts and
-- when the next is due, when it was sent, and why the last attempt failed. An outbox carries the
-- delivery facts to esim.notification.v1.
alter table notification add column parameters jsonb not null default '{}';
alter table notification add column attempts int not null default 0;
alter table notification add column next_attempt_at timestamptz;
alter table notification add column sent_at timestamptz;
alter table notification add column last_error text;
update notification set next_attempt_at = created_at where status = 'QUEUED';
create index notification_due on notification (channel, next_attempt_at) where status in ('QUEUED', 'RETRYING');

create table outbox_event (
    id              bigserial primary key,
    event_id        text not null unique,
    topic           text not null,
    event_key       text not null,
    event_type      text not null,
    source          text not null,
    occurred_at     timestamptz not null,
    payload         bytea not null,
    published_at    timestamptz
);
create index outbox_event_unpublished on outbox_event (id) where published_at is null;
