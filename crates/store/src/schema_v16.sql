-- Schema version 16 (issue 17): leavers, and how long the school keeps their records.
--
-- A child who has left the school: the day and where they went (both NULL while on roll).
ALTER TABLE child ADD COLUMN left_on TEXT;
ALTER TABLE child ADD COLUMN left_to TEXT;

-- The school's retention rule for leavers' records: one row (id 1), none until it is set.
CREATE TABLE retention (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    basis TEXT NOT NULL CHECK (basis IN ('after_leaving', 'until_age')),
    years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 100)
) STRICT;
