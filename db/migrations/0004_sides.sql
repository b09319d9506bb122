CREATE TABLE `channel_orgs` (
	`channel_id` integer NOT NULL,
	`org_id` text NOT NULL,
	`side` text,
	`mapped_by` text,
	`mapped_at` integer,
	`first_seen_at` integer NOT NULL,
	PRIMARY KEY(`channel_id`, `org_id`),
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `channel_people` (
	`channel_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`side` text,
	`side_set_by` text,
	`side_set_at` integer,
	`first_seen_at` integer NOT NULL,
	PRIMARY KEY(`channel_id`, `person_id`),
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `confirmations` (
	`code` text PRIMARY KEY NOT NULL,
	`channel_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`line` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `count` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `matrix` text;--> statement-breakpoint
CREATE INDEX `audit_log_channel_actor_at` ON `audit_log` (`channel_id`,`actor_id`,`at`);--> statement-breakpoint
ALTER TABLE `channels` ADD `retired_at` integer;--> statement-breakpoint
ALTER TABLE `managers` ADD `side` text DEFAULT 'internal' NOT NULL;--> statement-breakpoint
ALTER TABLE `people` ADD `org_id` text;--> statement-breakpoint
-- The side an escalation came from was guessed as the opposite of the receiving side; unknown is what was known.
UPDATE `escalations` SET `from_team` = 'unknown';
