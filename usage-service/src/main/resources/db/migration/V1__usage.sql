-- What usage-service knows of subscriptions, from esim.subscription.v1 (billing owns the truth).
create table subscriber (
    iccid           text primary key,
    msisdn          text not null,
    subscription_id text not null,
    updated_at      timestamptz not null
);
create index subscriber_msisdn on subscriber (msisdn);

create table allowance (
    allowance_id    text primary key,
    iccid           text not null,
    data_bytes      bigint not null,
    voice_seconds   bigint not null,
    sms_count       bigint not null,
    valid_from      timestamptz not null,
    valid_until     timestamptz not null
);
create index allowance_iccid on allowance (iccid, valid_until);

-- Subscription events already applied, by CloudEvents id: a replayed event changes nothing.
create table processed_event (
    event_id        text primary key,
    processed_at    timestamptz not null
);

-- Every accepted CDR, once: its identity (recording node, charging id, sequence number) is the key,
-- so a resent or replayed record is not inserted again.
create table usage_record (
    recording_node   text not null,
    charging_id      bigint not null,
    sequence_number  int not null,
    iccid            text not null,
    usage_type       text not null,
    start_time       timestamptz not null,
    local_date       date not null,
    quantity         bigint not null,
    duration_seconds bigint not null,
    counter_party    text,
    allowance_id     text,
    received_at      timestamptz not null,
    primary key (recording_node, charging_id, sequence_number)
);
create index usage_record_iccid_newest on usage_record (iccid, start_time desc);

-- Running totals per ICCID and allowance (null allowance = out of bundle), fed only by rows that
-- were actually inserted into usage_record.
create table usage_total (
    iccid           text not null,
    allowance_id    text,
    data_bytes      bigint not null default 0,
    voice_seconds   bigint not null default 0,
    sms_count       bigint not null default 0,
    records         bigint not null default 0,
    constraint usage_total_key unique nulls not distinct (iccid, allowance_id)
);
