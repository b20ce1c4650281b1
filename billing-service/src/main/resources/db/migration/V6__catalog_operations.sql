-- Operators add, change and retire plans and add-ons. What an order granted is kept with the order, so
-- that changing a plan's quotas later never rewrites the allowances already sold (the EXTENDED and
-- expiry events of an old order still carry what it bought).
alter table customer_order add column data_bytes bigint not null default 0 check (data_bytes >= 0);
alter table customer_order add column voice_seconds bigint not null default 0 check (voice_seconds >= 0);
alter table customer_order add column sms_count bigint not null default 0 check (sms_count >= 0);
-- days: a plan's validity for a sale or renewal, the extra days of an extension
alter table customer_order add column days int not null default 0 check (days >= 0);
update customer_order o set data_bytes = p.data_bytes, voice_seconds = p.voice_seconds, sms_count = p.sms_count,
    days = p.validity_days from plan p where o.plan_code = p.code;
update customer_order o set data_bytes = a.data_bytes, days = a.extra_days
    from add_on a where o.add_on_code = a.code;

alter table plan add column updated_at timestamptz not null default now();
alter table add_on add column updated_at timestamptz not null default now();
