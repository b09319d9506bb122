CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`subject` text NOT NULL,
	`before` text,
	`after` text,
	`outcome` text NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_channel_at` ON `audit_log` (`channel_id`,`at`);--> statement-breakpoint
CREATE TABLE `cadence_skips` (
	`cadence_id` integer NOT NULL,
	`date` text NOT NULL,
	PRIMARY KEY(`cadence_id`, `date`),
	FOREIGN KEY (`cadence_id`) REFERENCES `cadences`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `cadences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`kind` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`weekday` integer NOT NULL,
	`ordinal` text,
	`quarter_month` integer,
	`time` integer NOT NULL,
	`duration_minutes` integer DEFAULT 60 NOT NULL,
	`leads` text NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cadences_channel_kind` ON `cadences` (`channel_id`,`kind`);--> statement-breakpoint
CREATE TABLE `channels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`external_id` text NOT NULL,
	`org_name` text NOT NULL,
	`msp_name` text NOT NULL,
	`timezone` text NOT NULL,
	`work_days` text DEFAULT '1,2,3,4,5' NOT NULL,
	`day_start` integer DEFAULT 480 NOT NULL,
	`day_end` integer DEFAULT 1020 NOT NULL,
	`internal_handle` text,
	`msp_handle` text,
	`morning_offset_minutes` integer DEFAULT 0 NOT NULL,
	`ack_timeouts` text NOT NULL,
	`escalation_seq` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channels_platform_external` ON `channels` (`platform`,`external_id`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`platform` text NOT NULL,
	`external_id` text NOT NULL,
	`reference` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `external_id`)
);
--> statement-breakpoint
CREATE TABLE `escalation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`escalation_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`kind` text NOT NULL,
	`note` text,
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `escalation_events_escalation` ON `escalation_events` (`escalation_id`);--> statement-breakpoint
CREATE TABLE `escalations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`summary` text NOT NULL,
	`area_id` integer,
	`area_name` text,
	`priority` text NOT NULL,
	`ticket` text,
	`from_person_id` integer,
	`from_team` text NOT NULL,
	`to_team` text NOT NULL,
	`state` text NOT NULL,
	`after_hours` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` integer,
	`handed_back_at` integer,
	`handed_back_by` integer,
	`handback_note` text,
	`resolved_at` integer,
	`resolved_by` integer,
	`resolution_note` text,
	`renotify_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_id`) REFERENCES `matrix_areas`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`from_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handed_back_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `escalations_channel_seq` ON `escalations` (`channel_id`,`seq`);--> statement-breakpoint
CREATE INDEX `escalations_channel_opened` ON `escalations` (`channel_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `escalations_channel_state` ON `escalations` (`channel_id`,`state`);--> statement-breakpoint
CREATE TABLE `handoff_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`at` integer NOT NULL,
	`author_id` integer,
	`text` text NOT NULL,
	`overnight` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `handoff_notes_channel_at` ON `handoff_notes` (`channel_id`,`at`);--> statement-breakpoint
CREATE TABLE `holidays` (
	`channel_id` integer NOT NULL,
	`date` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`channel_id`, `date`),
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `inbound_seen` (
	`key` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`channel_id` integer,
	`due_at` integer NOT NULL,
	`payload` text NOT NULL,
	`occurrence_key` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`lease_owner` text,
	`lease_expires_at` integer,
	`result` text,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_occurrence_key` ON `jobs` (`occurrence_key`);--> statement-breakpoint
CREATE INDEX `jobs_state_due` ON `jobs` (`state`,`due_at`);--> statement-breakpoint
CREATE TABLE `managers` (
	`channel_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`channel_id`, `person_id`),
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `matrix_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`area_id` integer NOT NULL,
	`alias` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`area_id`) REFERENCES `matrix_areas`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `matrix_aliases_area` ON `matrix_aliases` (`area_id`);--> statement-breakpoint
CREATE TABLE `matrix_areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`name` text NOT NULL,
	`key` text NOT NULL,
	`business_owner` text NOT NULL,
	`after_hours_owner` text NOT NULL,
	`contact` text,
	`note` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `matrix_areas_channel_key` ON `matrix_areas` (`channel_id`,`key`);--> statement-breakpoint
CREATE TABLE `messages` (
	`message_key` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`conversation_id` text NOT NULL,
	`platform_message_id` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`platform` text NOT NULL,
	`conversation_id` text NOT NULL,
	`op` text NOT NULL,
	`message_key` text,
	`reply` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_owner` text,
	`lease_expires_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_key` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_state_next` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`external_id` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_platform_external` ON `people` (`platform`,`external_id`);