CREATE TABLE `admin_users` (
	`id` varchar(26) NOT NULL,
	`email` varchar(254) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`totp_secret_enc` text NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `admin_users_id` PRIMARY KEY(`id`),
	CONSTRAINT `admin_users_email` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `permission_group_permissions` (
	`group_id` int NOT NULL,
	`permission` varchar(80) NOT NULL,
	CONSTRAINT `permission_group_permissions_group_id_permission_pk` PRIMARY KEY(`group_id`,`permission`)
);
--> statement-breakpoint
CREATE TABLE `permission_groups` (
	`id` int AUTO_INCREMENT NOT NULL,
	`key` varchar(60) NOT NULL,
	`name` varchar(120) NOT NULL,
	`module` varchar(40) NOT NULL,
	`description` text,
	CONSTRAINT `permission_groups_id` PRIMARY KEY(`id`),
	CONSTRAINT `permission_groups_key` UNIQUE(`key`)
);
--> statement-breakpoint
CREATE TABLE `plan_permission_groups` (
	`plan_id` int NOT NULL,
	`group_id` int NOT NULL,
	CONSTRAINT `plan_permission_groups_plan_id_group_id_pk` PRIMARY KEY(`plan_id`,`group_id`)
);
--> statement-breakpoint
CREATE TABLE `plans` (
	`id` int AUTO_INCREMENT NOT NULL,
	`key` varchar(40) NOT NULL,
	`name` varchar(120) NOT NULL,
	`price_paise` bigint NOT NULL DEFAULT 0,
	`billing_period` varchar(16) NOT NULL DEFAULT 'monthly',
	`max_users` int NOT NULL DEFAULT 5,
	`mail_credits` int NOT NULL DEFAULT 0,
	`razorpay_plan_id` varchar(64),
	`version` int NOT NULL DEFAULT 1,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `plans_id` PRIMARY KEY(`id`),
	CONSTRAINT `plans_key` UNIQUE(`key`)
);
--> statement-breakpoint
CREATE TABLE `platform_meta` (
	`key` varchar(64) NOT NULL,
	`value` text NOT NULL,
	CONSTRAINT `platform_meta_key` PRIMARY KEY(`key`)
);
--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` varchar(26) NOT NULL,
	`slug` varchar(40) NOT NULL,
	`name` varchar(200) NOT NULL,
	`status` varchar(16) NOT NULL,
	`status_reason` text,
	`plan_id` int NOT NULL,
	`db_server` varchar(40) NOT NULL DEFAULT 'primary',
	`db_host` varchar(255) NOT NULL,
	`db_name` varchar(64) NOT NULL,
	`db_user` varchar(80) NOT NULL,
	`db_password_enc` text NOT NULL,
	`data_key_wrapped` text NOT NULL,
	`owner_email` varchar(254) NOT NULL,
	`device_approval` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `tenants_id` PRIMARY KEY(`id`),
	CONSTRAINT `tenants_slug` UNIQUE(`slug`)
);
--> statement-breakpoint
CREATE INDEX `tenants_status` ON `tenants` (`status`);