-- One outbox shape in every service: the CloudEvents id as text, as usage- and notification-service
-- keep it, so that service-support's OutboxWriter and OutboxRelay serve all three alike.
alter table outbox_event alter column event_id type text using event_id::text;
