-- The expiry scan writes a notice only for a subscription it holds locked in the same statement, and
-- subscriptions are never deleted, so the foreign key checked nothing the scan does not already ensure.
-- Its check, one locking probe of subscription per notice, was 40 % of a batch's claim (EXPLAIN ANALYZE
-- of 2,000 one-day reminders: 58.7 of 144 ms; bench/README.md, 2026-12-07).
alter table lifecycle_notice drop constraint lifecycle_notice_subscription_id_fkey;
