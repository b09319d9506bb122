CREATE TABLE `channel_integrations` (
	`channel_id` integer PRIMARY KEY NOT NULL,
	`ticket_url` text,
	`pages` text NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `hook_links` (
	`integration` text NOT NULL,
	`external_id` text NOT NULL,
	`escalation_id` integer NOT NULL,
	`linked_at` integer NOT NULL,
	PRIMARY KEY(`integration`, `external_id`)
);
--> statement-breakpoint
CREATE TABLE `integration_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`integration` text NOT NULL,
	`channel_id` integer NOT NULL,
	`escalation_id` integer NOT NULL,
	`event` text NOT NULL,
	`message` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_owner` text,
	`lease_expires_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integration_outbox_idempotency_key` ON `integration_outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `integration_outbox_state_next` ON `integration_outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `integration_outbox_escalation` ON `integration_outbox` (`escalation_id`,`integration`);--> statement-breakpoint
CREATE INDEX `integration_outbox_channel_state` ON `integration_outbox` (`channel_id`,`state`);