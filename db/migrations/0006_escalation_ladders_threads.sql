ALTER TABLE `channels` ADD `ladders` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `reply_to` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `broadcast` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `escalations` ADD `shared` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `escalations` ADD `routed_by` text DEFAULT 'matrix' NOT NULL;--> statement-breakpoint
ALTER TABLE `escalations` ADD `matrix_owner` text DEFAULT 'msp' NOT NULL;--> statement-breakpoint
ALTER TABLE `escalations` ADD `duplicate_of` integer;