-- Usage per ICCID, Pacific/Noumea day and allowance (null: out of bundle), kept in the transaction that
-- counts or re-rates the records, so that the daily breakdown, the forecast and esim.usage.daily.v1 read
-- a few rows instead of summing records. A late CDR or a re-rating lands on the day the usage happened.
-- records counts each record once, on the row of its first allowance (as usage_total does).
-- revision grows with every change of the row; published goes back to false with it, and the publisher
-- of esim.usage.daily.v1 sends the day's totals again once the day is closed and the row has not changed
-- for usage.daily.quiet-period (so a burst of late CDRs makes one new revision, not one per pass).
create table usage_daily (
    iccid           text collate "C" not null,
    day             date not null,
    allowance_id    text collate "C",
    data_bytes      bigint not null default 0,
    voice_seconds   bigint not null default 0,
    sms_count       bigint not null default 0,
    records         bigint not null default 0,
    first_usage_at  timestamptz not null,
    -- when a batch last changed the row: a closed day is sent once it has been quiet for a while
    changed_at      timestamptz not null default now(),
    revision        bigint not null default 1,
    published       boolean not null default false,
    constraint usage_daily_key unique nulls not distinct (iccid, day, allowance_id)
) with (fillfactor = 70);
-- Room on each page (fillfactor) for the next version of a row: an open day's row is updated by every
-- batch that counts a CDR of its eSIM, and none of the columns that change is indexed (published stays
-- false until the day closes), so the update stays on its page (HOT) and touches no index.
create index usage_daily_unpublished on usage_daily (day, iccid) where not published;
-- the network's days for analysts (every eSIM of a period)
create index usage_daily_by_day on usage_daily (day);

-- The records counted before this table existed, split by allowance as they were rated.
insert into usage_daily (iccid, day, allowance_id, data_bytes, voice_seconds, sms_count, records, first_usage_at)
select iccid, day, allowance_id,
       sum(case when usage_type = 'DATA' then quantity else 0 end),
       sum(case when usage_type = 'VOICE' then quantity else 0 end),
       sum(case when usage_type = 'SMS' then quantity else 0 end),
       sum(records), min(start_time)
from (
    -- a single draw (or none): in_bundle on the first allowance
    select iccid, (start_time at time zone 'Pacific/Noumea')::date as day, allowance_id, usage_type,
           in_bundle as quantity, 1 as records, start_time
    from usage_record where draws is null and allowance_id is not null
    union all
    -- several draws: each on its allowance, the record counted on the first
    select r.iccid, (r.start_time at time zone 'Pacific/Noumea')::date, d.draw ->> 'allowanceId', r.usage_type,
           (d.draw ->> 'quantity')::bigint, case when d.position = 1 then 1 else 0 end, r.start_time
    from usage_record r, jsonb_array_elements(r.draws) with ordinality as d(draw, position)
    where r.draws is not null
    union all
    -- what no allowance covered; the record counted here when no allowance covered any of it
    select iccid, (start_time at time zone 'Pacific/Noumea')::date, null, usage_type,
           quantity - in_bundle, case when allowance_id is null then 1 else 0 end, start_time
    from usage_record where in_bundle < quantity or allowance_id is null
) as parts
group by iccid, day, allowance_id;
-- published stays false: the past days go out on esim.usage.daily.v1 too, a batch at a time.
