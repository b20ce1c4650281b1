-- A dispatcher claims the messages it sends (SENDING, with next_attempt_at as the claim's lease) in a
-- transaction of its own, and settles them in another: the due index covers the claims whose lease ran out.
drop index notification_due;
create index notification_due on notification (channel, next_attempt_at) where status in ('QUEUED', 'RETRYING', 'SENDING');
-- An SMS SENT whose receipts never come is EXPIRED after the SMS centre's validity: found by when it was sent.
create index notification_sms_awaiting_receipt on notification (sent_at) where channel = 'SMS' and status = 'SENT';
