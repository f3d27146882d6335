CREATE TABLE `device_codes` (
	`id` varchar(26) NOT NULL,
	`session_id` varchar(26) NOT NULL,
	`code_hash` varchar(64) NOT NULL,
	`attempts` int NOT NULL DEFAULT 0,
	`expires_at` datetime(3) NOT NULL,
	`used_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `device_codes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `devices` (
	`id` varchar(26) NOT NULL,
	`user_id` varchar(26) NOT NULL,
	`device_hash` varchar(64) NOT NULL,
	`label` varchar(200),
	`approved_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `devices_id` PRIMARY KEY(`id`),
	CONSTRAINT `devices_user_device` UNIQUE(`user_id`,`device_hash`)
);
--> statement-breakpoint
CREATE TABLE `plan_permissions` (
	`permission` varchar(80) NOT NULL,
	`module` varchar(40) NOT NULL,
	CONSTRAINT `plan_permissions_permission` PRIMARY KEY(`permission`)
);
--> statement-breakpoint
CREATE TABLE `role_permissions` (
	`role_key` varchar(40) NOT NULL,
	`permission` varchar(80) NOT NULL,
	CONSTRAINT `role_permissions_role_key_permission_pk` PRIMARY KEY(`role_key`,`permission`)
);
--> statement-breakpoint
CREATE TABLE `roles` (
	`key` varchar(40) NOT NULL,
	`name` varchar(120) NOT NULL,
	CONSTRAINT `roles_key` PRIMARY KEY(`key`)
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` varchar(26) NOT NULL,
	`token_hash` varchar(64) NOT NULL,
	`user_id` varchar(26) NOT NULL,
	`device_id` varchar(64),
	`limited` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`last_seen_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`expires_at` datetime(3) NOT NULL,
	`revoked_at` datetime(3),
	CONSTRAINT `sessions_id` PRIMARY KEY(`id`),
	CONSTRAINT `sessions_token_hash` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `tenant_settings` (
	`key` varchar(64) NOT NULL,
	`value` text NOT NULL,
	CONSTRAINT `tenant_settings_key` PRIMARY KEY(`key`)
);
--> statement-breakpoint
CREATE TABLE `user_roles` (
	`user_id` varchar(26) NOT NULL,
	`role_key` varchar(40) NOT NULL,
	CONSTRAINT `user_roles_user_id_role_key_pk` PRIMARY KEY(`user_id`,`role_key`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` varchar(26) NOT NULL,
	`email` varchar(254) NOT NULL,
	`name` varchar(200) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`phone_enc` text,
	`phone_bidx` varchar(64),
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE INDEX `device_codes_session` ON `device_codes` (`session_id`);--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `users_phone_bidx` ON `users` (`phone_bidx`);