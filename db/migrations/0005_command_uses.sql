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
CREATE INDEX `command_uses_channel_actor_at` ON `command_uses` (`channel_id`,`actor_id`,`at`);