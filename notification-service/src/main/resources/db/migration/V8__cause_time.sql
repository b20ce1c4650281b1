-- When the event that called for a message happened: the delivery log shows how long the message took from
-- it to the send. Messages recorded before this column have none.
alter table notification add column cause_occurred_at timestamptz;
