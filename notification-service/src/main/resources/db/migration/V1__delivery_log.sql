-- One row per message to send, per causing event and channel: the unique key makes a replayed
-- event produce no second message.
create table notification (
    id              uuid primary key,
    cause_event_id  text not null,
    cause_type      text not null,
    iccid           text not null,
    channel         text not null,
    destination     text not null,
    template        text not null,
    language        text not null,
    status          text not null,
    created_at      timestamptz not null,
    constraint notification_once_per_event_and_channel unique (cause_event_id, channel)
);
create index notification_iccid_newest on notification (iccid, created_at desc);
