CREATE TABLE `acc_companies` (
	`id` varchar(26) NOT NULL,
	`legal_name` varchar(200) NOT NULL,
	`gstin` varchar(15) NOT NULL,
	`state_code` char(2) NOT NULL,
	`filing_frequency` varchar(10) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `acc_companies_id` PRIMARY KEY(`id`),
	CONSTRAINT `acc_companies_gstin` UNIQUE(`gstin`)
);
--> statement-breakpoint
CREATE TABLE `acc_document_lines` (
	`document_id` varchar(26) NOT NULL,
	`line_no` int NOT NULL,
	`hsn` varchar(8) NOT NULL,
	`description` varchar(300) NOT NULL,
	`uqc` varchar(3) NOT NULL,
	`qty_milli` bigint NOT NULL,
	`taxable_value` bigint NOT NULL,
	`rate` bigint NOT NULL,
	`cess_rate` bigint NOT NULL,
	`treatment` varchar(8) NOT NULL,
	`igst` bigint NOT NULL DEFAULT 0,
	`cgst` bigint NOT NULL DEFAULT 0,
	`sgst` bigint NOT NULL DEFAULT 0,
	`cess` bigint NOT NULL DEFAULT 0,
	CONSTRAINT `acc_document_lines_document_id_line_no_pk` PRIMARY KEY(`document_id`,`line_no`)
);
--> statement-breakpoint
CREATE TABLE `acc_documents` (
	`id` varchar(26) NOT NULL,
	`company_id` varchar(26) NOT NULL,
	`fy_id` varchar(26) NOT NULL,
	`type` varchar(12) NOT NULL,
	`series_key` varchar(26) NOT NULL DEFAULT '',
	`number` varchar(16),
	`date` date NOT NULL,
	`status` varchar(10) NOT NULL,
	`party_ledger_id` varchar(26) NOT NULL,
	`party_gstin` varchar(15),
	`party_name` varchar(200),
	`party_state` char(2) NOT NULL,
	`party_category` varchar(16) NOT NULL,
	`place_of_supply` char(2),
	`reverse_charge` boolean NOT NULL DEFAULT false,
	`zero_rated_with_payment` boolean NOT NULL DEFAULT false,
	`shipping_port` varchar(6),
	`shipping_bill_number` varchar(40),
	`shipping_bill_date` date,
	`against_number` varchar(16),
	`against_date` date,
	`against_value` bigint,
	`ecommerce_gstin` varchar(15),
	`ecommerce_operator_pays` boolean NOT NULL DEFAULT false,
	`self_invoice_number` varchar(16),
	`counter_ledger_id` varchar(26),
	`amount` bigint,
	`supply_type` varchar(5),
	`resolved_pos` char(2),
	`zero_rated` boolean,
	`total` bigint,
	`voucher_id` varchar(26),
	`reversed_by` varchar(26),
	`reverses_id` varchar(26),
	`idempotency_key` varchar(80),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`posted_at` datetime(3),
	CONSTRAINT `acc_documents_id` PRIMARY KEY(`id`),
	CONSTRAINT `acc_documents_series_number` UNIQUE(`company_id`,`fy_id`,`type`,`series_key`,`number`),
	CONSTRAINT `acc_documents_idempotency` UNIQUE(`company_id`,`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `acc_financial_years` (
	`id` varchar(26) NOT NULL,
	`company_id` varchar(26) NOT NULL,
	`start_date` date NOT NULL,
	`end_date` date NOT NULL,
	`closed_at` datetime(3),
	CONSTRAINT `acc_financial_years_id` PRIMARY KEY(`id`),
	CONSTRAINT `acc_fy_company_start` UNIQUE(`company_id`,`start_date`)
);
--> statement-breakpoint
CREATE TABLE `acc_journal_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`voucher_id` varchar(26) NOT NULL,
	`company_id` varchar(26) NOT NULL,
	`ledger_id` varchar(26) NOT NULL,
	`date` date NOT NULL,
	`debit` bigint NOT NULL,
	`credit` bigint NOT NULL,
	CONSTRAINT `acc_journal_lines_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `acc_ledger_groups` (
	`id` varchar(26) NOT NULL,
	`company_id` varchar(26) NOT NULL,
	`code` varchar(40) NOT NULL,
	`name` varchar(120) NOT NULL,
	`nature` varchar(12) NOT NULL,
	CONSTRAINT `acc_ledger_groups_id` PRIMARY KEY(`id`),
	CONSTRAINT `acc_groups_company_code` UNIQUE(`company_id`,`code`)
);
--> statement-breakpoint
CREATE TABLE `acc_ledgers` (
	`id` varchar(26) NOT NULL,
	`company_id` varchar(26) NOT NULL,
	`group_id` varchar(26) NOT NULL,
	`code` varchar(40),
	`name` varchar(200) NOT NULL,
	`party_key` varchar(220),
	`party_gstin` varchar(15),
	`party_state` char(2),
	`party_category` varchar(16),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `acc_ledgers_id` PRIMARY KEY(`id`),
	CONSTRAINT `acc_ledgers_company_code` UNIQUE(`company_id`,`code`),
	CONSTRAINT `acc_ledgers_company_party` UNIQUE(`company_id`,`group_id`,`party_key`)
);
--> statement-breakpoint
CREATE TABLE `acc_number_series` (
	`company_id` varchar(26) NOT NULL,
	`fy_id` varchar(26) NOT NULL,
	`type` varchar(12) NOT NULL,
	`prefix` varchar(10) NOT NULL,
	`next_number` int NOT NULL DEFAULT 1,
	CONSTRAINT `acc_number_series_company_id_fy_id_type_pk` PRIMARY KEY(`company_id`,`fy_id`,`type`)
);
--> statement-breakpoint
CREATE TABLE `acc_party_links` (
	`ledger_id` varchar(26) NOT NULL,
	`company_id` varchar(26) NOT NULL,
	`crm_kind` varchar(10) NOT NULL,
	`crm_id` varchar(40) NOT NULL,
	CONSTRAINT `acc_party_links_ledger_id` PRIMARY KEY(`ledger_id`)
);
--> statement-breakpoint
CREATE TABLE `acc_vouchers` (
	`id` varchar(26) NOT NULL,
	`company_id` varchar(26) NOT NULL,
	`fy_id` varchar(26) NOT NULL,
	`document_id` varchar(26) NOT NULL,
	`kind` varchar(12) NOT NULL,
	`date` date NOT NULL,
	`narration` varchar(300) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `acc_vouchers_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `acc_documents_company_date` ON `acc_documents` (`company_id`,`status`,`date`);--> statement-breakpoint
CREATE INDEX `acc_journal_ledger_date` ON `acc_journal_lines` (`company_id`,`ledger_id`,`date`);--> statement-breakpoint
CREATE INDEX `acc_journal_voucher` ON `acc_journal_lines` (`voucher_id`);--> statement-breakpoint
CREATE INDEX `acc_party_links_crm` ON `acc_party_links` (`company_id`,`crm_kind`,`crm_id`);--> statement-breakpoint
CREATE INDEX `acc_vouchers_company_date` ON `acc_vouchers` (`company_id`,`date`);