CREATE TABLE `admin_sessions` (
	`id` varchar(26) NOT NULL,
	`token_hash` varchar(64) NOT NULL,
	`admin_id` varchar(26) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`expires_at` datetime(3) NOT NULL,
	`revoked_at` datetime(3),
	CONSTRAINT `admin_sessions_id` PRIMARY KEY(`id`),
	CONSTRAINT `admin_sessions_token_hash` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `admin_totp_used` (
	`admin_id` varchar(26) NOT NULL,
	`step` bigint NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `admin_totp_used_admin_step` UNIQUE(`admin_id`,`step`)
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` bigint AUTO_INCREMENT NOT NULL,
	`at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`admin_id` varchar(26),
	`admin_email` varchar(254),
	`action` varchar(60) NOT NULL,
	`target` varchar(120) NOT NULL,
	`before_json` text,
	`after_json` text,
	`request_id` varchar(40),
	`ip` varchar(64),
	CONSTRAINT `audit_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `permission_pushes` (
	`tenant_id` varchar(26) NOT NULL,
	`plan_id` int NOT NULL,
	`plan_version` int NOT NULL,
	`state` varchar(16) NOT NULL,
	`attempts` int NOT NULL DEFAULT 0,
	`last_error` text,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `permission_pushes_tenant_id` PRIMARY KEY(`tenant_id`)
);
--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`tenant_id` varchar(26) NOT NULL,
	`provider` varchar(16) NOT NULL,
	`external_id` varchar(64) NOT NULL,
	`plan_id` int NOT NULL,
	`status` varchar(16) NOT NULL,
	`current_period_end` datetime(3),
	`halted_at` datetime(3),
	`last_event_at` bigint NOT NULL DEFAULT 0,
	`last_payment_error` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `subscriptions_tenant_id` PRIMARY KEY(`tenant_id`),
	CONSTRAINT `subscriptions_external` UNIQUE(`provider`,`external_id`)
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`event_id` varchar(80) NOT NULL,
	`provider` varchar(16) NOT NULL,
	`event` varchar(60) NOT NULL,
	`outcome` varchar(16) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `webhook_events_event_id` PRIMARY KEY(`event_id`)
);
--> statement-breakpoint
CREATE INDEX `admin_sessions_admin` ON `admin_sessions` (`admin_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action` ON `audit_log` (`action`);--> statement-breakpoint
CREATE INDEX `audit_log_target` ON `audit_log` (`target`);