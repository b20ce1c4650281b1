-- Who to tell and how: the customer's addresses and language as billing last told (from
-- esim.subscription.v1; usage alerts carry neither email nor language), the customer's preferences
-- (opt-out per channel and category, a language), and per message its category, urgency and why it
-- was suppressed.
create table customer (
    iccid       text primary key,
    msisdn      text,
    email       text,
    language    text,
    updated_at  timestamptz not null
);

create table preference (
    iccid           text primary key,
    email_service   boolean not null default true,
    email_marketing boolean not null default true,
    sms_service     boolean not null default true,
    sms_marketing   boolean not null default true,
    language        text,
    updated_at      timestamptz not null
);

alter table notification add column category text not null default 'SERVICE';
alter table notification add column urgent boolean not null default false;
create index notification_iccid_channel_created on notification (iccid, channel, created_at);
