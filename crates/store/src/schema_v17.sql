-- Schema version 17 (issue 18): what a stored file would run or fetch when opened, when the scan
-- found active content (`macros`, `javascript`, `external_template`…: ardesk_domain::content),
-- so the checklist says how to remove it in the program that made the file.
ALTER TABLE stored_file ADD COLUMN scan_active TEXT;
