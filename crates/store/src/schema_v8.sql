-- Schema version 8: what the password scan said of each stored file when it was attached, so
-- the checklist can warn at once (the bundle still re-scans every file when it is built).
ALTER TABLE stored_file ADD COLUMN scan_verdict TEXT;
ALTER TABLE stored_file ADD COLUMN scan_detail TEXT;
