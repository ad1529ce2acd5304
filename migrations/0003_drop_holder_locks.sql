-- Holder locks gave way to binding attempts counted as rate-limit rows (src/db/attempts.ts): the table
-- is no longer read or written.
DROP TABLE IF EXISTS `holder_locks`;
