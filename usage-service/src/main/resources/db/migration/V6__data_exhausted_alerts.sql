-- An alert is a quota level crossed (QUOTA_LEVEL) or the eSIM out of data in every live allowance
-- (DATA_EXHAUSTED, once per allowance whose use emptied the last data); each once, ever.
alter table usage_alert add column kind text not null default 'QUOTA_LEVEL';
alter table usage_alert drop constraint usage_alert_pkey;
alter table usage_alert add primary key (allowance_id, quota, level_percent, kind);
