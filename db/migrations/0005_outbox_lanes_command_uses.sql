CREATE TABLE `outbox_lanes` (
	`platform` text NOT NULL,
	`conversation_id` text NOT NULL,
	`next_at` integer,
	`last_sent_at` integer,
	`held_until` integer,
	`lease_owner` text,
	`lease_expires_at` integer,
	PRIMARY KEY(`platform`, `conversation_id`)
);
--> statement-breakpoint
CREATE INDEX `outbox_lanes_next` ON `outbox_lanes` (`next_at`);--> statement-breakpoint
CREATE TABLE `command_uses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`actor_id` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `command_uses_channel_at` ON `command_uses` (`channel_id`,`at`);--> statement-breakpoint
CREATE INDEX `command_uses_channel_actor_at` ON `command_uses` (`channel_id`,`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `outbox_lane_due` ON `outbox` (`platform`,`conversation_id`,`state`,`next_attempt_at`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_message_key` ON `outbox` (`message_key`,`id`);--> statement-breakpoint
INSERT INTO `outbox_lanes` (`platform`, `conversation_id`, `next_at`, `last_sent_at`, `lease_owner`, `lease_expires_at`)
SELECT `platform`, `conversation_id`,
  min(CASE WHEN `state` = 'pending' THEN `next_attempt_at` END),
  max(`sent_at`),
  max(CASE WHEN `state` = 'sending' THEN `lease_owner` END),
  max(CASE WHEN `state` = 'sending' THEN `lease_expires_at` END)
FROM `outbox` WHERE `state` IN ('pending', 'sending') GROUP BY `platform`, `conversation_id`;
