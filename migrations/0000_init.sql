CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`adapter` text,
	`outcome` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_events_at` ON `audit_events` (`at`);--> statement-breakpoint
CREATE TABLE `holder_locks` (
	`source_key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key_hash` text PRIMARY KEY NOT NULL,
	`request_hash` text NOT NULL,
	`event_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `issuances` (
	`event_key` text PRIMARY KEY NOT NULL,
	`source_key` text NOT NULL,
	`uci_hash` text NOT NULL,
	`country_uci_hash` text NOT NULL,
	`adapter` text NOT NULL,
	`type` text NOT NULL,
	`kid` text NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`status` text DEFAULT 'valid' NOT NULL,
	`revoked_at` integer,
	`revocation_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issuances_uci_hash_unique` ON `issuances` (`uci_hash`);--> statement-breakpoint
CREATE INDEX `issuances_source_key` ON `issuances` (`source_key`);--> statement-breakpoint
CREATE INDEX `issuances_status` ON `issuances` (`status`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`bucket` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `signatures` (
	`event_key` text NOT NULL,
	`signature_hash` text NOT NULL,
	`kid` text NOT NULL,
	PRIMARY KEY(`event_key`, `signature_hash`),
	FOREIGN KEY (`event_key`) REFERENCES `issuances`(`event_key`) ON UPDATE no action ON DELETE no action
);
