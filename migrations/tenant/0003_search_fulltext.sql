-- drizzle-kit has no FULLTEXT index builder; the MariaDB search adapter needs one on (title, body).
CREATE FULLTEXT INDEX `search_index_text` ON `search_index` (`title`,`body`);
