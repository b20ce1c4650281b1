-- Marketing by email or SMS to a private person needs their prior consent (opt-in; in France and New
-- Caledonia, article L34-5 of the Code des postes et des communications électroniques): a customer who
-- never chose receives service messages only. A preference row is only ever written whole, from the
-- customer's own answer (PUT /api/v1/preferences/{iccid}), so existing rows stay as they are.
alter table preference alter column email_marketing set default false;
alter table preference alter column sms_marketing set default false;
