-- What each eSIM used per Pacific/Noumea day, learnt from esim.usage.daily.v1 (never from usage-service's
-- tables): the plan advisor's basis. A day is replaced only by a higher revision, so a replayed or
-- reordered event never takes a day back.
create table usage_profile_day (
    iccid           text not null,
    day             date not null,
    data_bytes      bigint not null,
    voice_seconds   bigint not null,
    sms_count       bigint not null,
    revision        bigint not null,
    received_at     timestamptz not null,
    primary key (iccid, day)
);
