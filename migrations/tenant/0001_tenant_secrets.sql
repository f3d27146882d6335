CREATE TABLE `tenant_secrets` (
	`name` varchar(120) NOT NULL,
	`value_enc` text NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `tenant_secrets_name` PRIMARY KEY(`name`)
);
