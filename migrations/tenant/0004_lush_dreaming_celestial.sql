CREATE TABLE `comments` (
	`id` varchar(40) NOT NULL,
	`task_id` varchar(40) NOT NULL,
	`body` text NOT NULL,
	`mentions` text NOT NULL,
	`author_id` varchar(40) NOT NULL,
	`version` bigint NOT NULL,
	`deleted` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `comments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `companies` (
	`id` varchar(40) NOT NULL,
	`name` varchar(200) NOT NULL,
	`gstin` varchar(15),
	`website` varchar(300),
	`industry` varchar(120),
	`version` bigint NOT NULL,
	`deleted` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `companies_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` varchar(40) NOT NULL,
	`name` varchar(200) NOT NULL,
	`email_enc` text,
	`email_bidx` varchar(64),
	`phone_enc` text,
	`phone_bidx` varchar(64),
	`company_id` varchar(40),
	`title` varchar(120),
	`address_enc` text,
	`notes` text,
	`version` bigint NOT NULL,
	`deleted` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `contacts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `deals` (
	`id` varchar(40) NOT NULL,
	`title` varchar(200) NOT NULL,
	`stage` varchar(20) NOT NULL,
	`value_paise` bigint NOT NULL,
	`currency` varchar(3) NOT NULL,
	`owner_id` varchar(40),
	`expected_close` date,
	`probability` int NOT NULL,
	`lost_reason` varchar(500),
	`company_id` varchar(40),
	`contact_id` varchar(40),
	`position` varchar(200) NOT NULL,
	`version` bigint NOT NULL,
	`deleted` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `deals_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` varchar(40) NOT NULL,
	`title` varchar(300) NOT NULL,
	`status` varchar(20) NOT NULL,
	`assignee_id` varchar(40),
	`due_date` date,
	`priority` varchar(10) NOT NULL,
	`deal_id` varchar(40),
	`contact_id` varchar(40),
	`created_by` varchar(40) NOT NULL,
	`comment_count` int NOT NULL DEFAULT 0,
	`version` bigint NOT NULL,
	`deleted` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `tasks_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `replicache_client_group` (
	`id` varchar(64) NOT NULL,
	`user_id` varchar(26) NOT NULL,
	`cvr_version` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`last_pull_at` datetime(3),
	CONSTRAINT `replicache_client_group_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `replicache_client` (
	`id` varchar(64) NOT NULL,
	`client_group_id` varchar(64) NOT NULL,
	`last_mutation_id` bigint NOT NULL,
	`version` bigint NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `replicache_client_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `replicache_cvr` (
	`client_group_id` varchar(64) NOT NULL,
	`cvr_version` int NOT NULL,
	`state` text NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `replicache_cvr_client_group_id_cvr_version_pk` PRIMARY KEY(`client_group_id`,`cvr_version`)
);
--> statement-breakpoint
CREATE TABLE `sync_rejection` (
	`client_id` varchar(64) NOT NULL,
	`mutation_id` bigint NOT NULL,
	`client_group_id` varchar(64) NOT NULL,
	`name` varchar(80) NOT NULL,
	`code` varchar(40) NOT NULL,
	`message` varchar(500) NOT NULL,
	`version` bigint NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `sync_rejection_client_id_mutation_id_pk` PRIMARY KEY(`client_id`,`mutation_id`)
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` tinyint NOT NULL,
	`version` bigint NOT NULL,
	CONSTRAINT `sync_state_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `comments_version` ON `comments` (`version`,`id`);--> statement-breakpoint
CREATE INDEX `comments_task` ON `comments` (`task_id`);--> statement-breakpoint
CREATE INDEX `companies_version` ON `companies` (`version`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_version` ON `contacts` (`version`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_email_bidx` ON `contacts` (`email_bidx`);--> statement-breakpoint
CREATE INDEX `contacts_phone_bidx` ON `contacts` (`phone_bidx`);--> statement-breakpoint
CREATE INDEX `deals_version` ON `deals` (`version`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_version` ON `tasks` (`version`,`id`);--> statement-breakpoint
CREATE INDEX `replicache_client_group_version` ON `replicache_client` (`client_group_id`,`version`);--> statement-breakpoint
CREATE INDEX `sync_rejection_group_version` ON `sync_rejection` (`client_group_id`,`version`);