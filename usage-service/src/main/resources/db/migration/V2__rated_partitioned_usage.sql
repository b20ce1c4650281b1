-- Usage records for billions of rows, rated against allowances with splits, alerts once, and an outbox.
-- Nothing has been deployed with V1's record tables, so they are replaced rather than migrated.
drop table usage_record;
drop table usage_total;

-- Every accepted CDR, once, partitioned by month of its start time (UTC) so that retention drops whole
-- partitions. PostgreSQL puts the partition key into every unique index of a partitioned table, so the
-- unique key is the CDR's identity (recording node, charging id, sequence number) together with its
-- ICCID and start time, which a resent record repeats unchanged. Leading with (iccid, start_time desc)
-- makes the one index serve both the deduplication and "one ICCID, newest first".
-- Identifiers compare byte by byte (collation "C"): they are not words of a language, and the unique
-- index, probed and extended for every record, is much cheaper to maintain without locale rules.
create table usage_record (
    iccid            text collate "C" not null,
    start_time       timestamptz not null,
    recording_node   text collate "C" not null,
    charging_id      bigint not null,
    sequence_number  int not null,
    usage_type       text collate "C" not null,
    quantity         bigint not null,
    duration_seconds bigint not null,
    counter_party    text,
    -- The first allowance drawn on (null: wholly out of bundle) and how much all allowances covered;
    -- quantity - in_bundle is out of bundle. draws lists every allowance drawn on when there are several.
    allowance_id     text,
    in_bundle        bigint not null,
    draws            jsonb,
    -- 1 when rated on arrival; increases each time the record is re-rated (an allowance came later).
    rating_version   int not null default 1,
    received_at      timestamptz not null
) partition by range (start_time);
create unique index usage_record_identity
    on usage_record (iccid, start_time desc, recording_node desc, charging_id desc, sequence_number desc);

-- What each allowance has had drawn from it, and what no allowance covered (allowance_id null).
-- records counts each record once, on the row of its first allowance (or out of bundle).
create table usage_total (
    iccid           text not null,
    allowance_id    text,
    data_bytes      bigint not null default 0,
    voice_seconds   bigint not null default 0,
    sms_count       bigint not null default 0,
    records         bigint not null default 0,
    constraint usage_total_key unique nulls not distinct (iccid, allowance_id)
);

-- One row per allowance, quota and level crossed: the alert is raised in the transaction that crossed
-- it and the unique key makes a replay, a re-rating or a crash-and-retry raise it no second time.
create table usage_alert (
    allowance_id    text not null,
    quota           text not null,
    level_percent   int not null,
    iccid           text not null,
    crossed_at      timestamptz not null,
    primary key (allowance_id, quota, level_percent)
);

-- Transactional outbox (same shape as billing's): alerts and re-rated records are written with the
-- state change that causes them and relayed to Kafka afterwards, in id order.
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
