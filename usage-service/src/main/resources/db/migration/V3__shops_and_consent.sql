-- Access control: who sold each subscription (only that partner shop reads its itemised records) and
-- whether the customer lets the support desk see counter-party numbers in full; from esim.subscription.v1.
alter table subscriber add column sold_by_shop text;
alter table subscriber add column counter_party_consent boolean not null default false;
