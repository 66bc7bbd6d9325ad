-- Schema version 2: the statutory clock's inputs.

-- Phase transfers beyond Year 6 and Year 11 (infant -> junior, middle schools, post-16 moves).
ALTER TABLE child ADD COLUMN transfer_ncy INTEGER CHECK (transfer_ncy BETWEEN -1 AND 13);
ALTER TABLE child ADD COLUMN post16_move TEXT;

-- The school's term dates and single closure days (INSET). Milestones in holidays are flagged.
CREATE TABLE school_term (
    id INTEGER PRIMARY KEY,
    starts TEXT NOT NULL,
    ends TEXT NOT NULL,
    CHECK (starts <= ends)
) STRICT;
CREATE TABLE school_closure (day TEXT PRIMARY KEY) STRICT;

-- Bank holidays imported from gov.uk's bank-holidays.json, added to the embedded table.
CREATE TABLE bank_holiday (day TEXT PRIMARY KEY) STRICT;

-- LA profiles the school has edited; each replaces the shipped profile with the same id.
CREATE TABLE la_profile (
    id TEXT PRIMARY KEY,
    json TEXT NOT NULL
) STRICT;
