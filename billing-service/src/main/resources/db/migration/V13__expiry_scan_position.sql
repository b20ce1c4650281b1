-- The expiry scan reads subscriptions by end of validity in batches, each going on after the last one's
-- (valid_until, id): with the id in the index, a batch starts where the previous one stopped instead of
-- reading again the rows it passed.
create index subscription_valid_until_id on subscription (valid_until, id);
drop index subscription_valid_until;
