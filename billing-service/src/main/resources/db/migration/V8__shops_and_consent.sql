-- Access control: the partner shop that sold a subscription (its token's shop id) may read its itemised
-- usage; the support desk sees counter-party numbers in full only with the customer's consent.
alter table subscription add column sold_by_shop text;
alter table subscription add column counter_party_consent boolean not null default false;
