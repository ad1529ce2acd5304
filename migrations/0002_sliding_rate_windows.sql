-- Rate limits slide: each counter keeps the previous window's count, weighted by how much of that window
-- still overlaps the last windowSeconds, so a burst across a window boundary is no longer counted twice.
ALTER TABLE `rate_limits` ADD `previous_count` integer DEFAULT 0 NOT NULL;