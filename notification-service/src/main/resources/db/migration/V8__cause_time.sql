-- When the event that called for a message happened: the delivery log shows how long the message took from
-- it to the send. Messages recorded before this column have none.
alter table notification add column cause_occurred_at timestamptz;

-- Which instance holds a SENDING claim: a restarted instance releases its own former claims at once
-- instead of waiting for their lease to run out.
alter table notification add column claimed_by text;
