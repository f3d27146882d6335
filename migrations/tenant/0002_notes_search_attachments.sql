CREATE TABLE `note_documents` (
	`name` varchar(120) NOT NULL,
	`state` longblob NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `note_documents_name` PRIMARY KEY(`name`)
);
--> statement-breakpoint
CREATE TABLE `note_updates` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(120) NOT NULL,
	`update` longblob NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `note_updates_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `search_index` (
	`type` varchar(20) NOT NULL,
	`id` varchar(64) NOT NULL,
	`title` varchar(500) NOT NULL,
	`body` mediumtext NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `search_index_type_id_pk` PRIMARY KEY(`type`,`id`)
);
--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` varchar(26) NOT NULL,
	`task_id` varchar(64),
	`deal_id` varchar(64),
	`name` varchar(255) NOT NULL,
	`content_type` varchar(120) NOT NULL,
	`size` bigint unsigned NOT NULL,
	`sha256` varchar(64) NOT NULL,
	`uploaded_by` varchar(26) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `attachments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `note_updates_name` ON `note_updates` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `attachments_task` ON `attachments` (`task_id`);--> statement-breakpoint
CREATE INDEX `attachments_deal` ON `attachments` (`deal_id`);