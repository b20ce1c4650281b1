-- SMS over SMPP: each part submitted to the SMS centre with the message id it answered, and the final
-- state its delivery receipt gave (DELIVRD, UNDELIV, EXPIRED, REJECTD, ...). The parts of the last hour
-- are what the global hourly cap counts.
create table sms_part (
    smsc_message_id text primary key,
    notification_id uuid not null references notification (id),
    part            int not null,
    state           text not null default 'SUBMITTED',
    submitted_at    timestamptz not null,
    receipt_at      timestamptz
);
create index sms_part_notification on sms_part (notification_id);
create index sms_part_submitted on sms_part (submitted_at);

-- A delivery receipt can overtake the commit that records its part (the SMS centre answers within
-- milliseconds): it waits here until the part is recorded, and is applied then.
create table sms_receipt_early (
    smsc_message_id text primary key,
    state           text not null,
    received_at     timestamptz not null
);
