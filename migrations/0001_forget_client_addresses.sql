-- Per-client rate-limit buckets named the client's address until now; they are named by its keyed
-- hash from this version on. The counters of the current minute are dropped with the addresses.
DELETE FROM `rate_limits` WHERE `bucket` LIKE 'client:%';
