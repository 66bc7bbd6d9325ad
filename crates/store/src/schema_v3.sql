-- Schema version 3: before the meeting (invitees, letters, the report checklist, files).

-- Who signs the letters.
ALTER TABLE school ADD COLUMN senco_name TEXT NOT NULL DEFAULT '';
ALTER TABLE school ADD COLUMN senco_role TEXT NOT NULL DEFAULT 'SENCO';
ALTER TABLE school ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE school ADD COLUMN email TEXT NOT NULL DEFAULT '';

ALTER TABLE review ADD COLUMN circulated_on TEXT;

CREATE TABLE invitee (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('parent','young_person','carer','setting','la_sen','health','social_care','professional')),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    email TEXT,
    phone TEXT,
    address TEXT,
    preferred_contact TEXT NOT NULL CHECK (preferred_contact IN ('email','phone','post','text')),
    advice_requested INTEGER NOT NULL CHECK (advice_requested IN (0, 1)),
    statutory INTEGER NOT NULL CHECK (statutory IN (0, 1)),
    reason TEXT NOT NULL DEFAULT '',
    invited_on TEXT,
    attendance TEXT NOT NULL DEFAULT 'unknown'
        CHECK (attendance IN ('unknown','in_person','virtual','written','apologies','absent'))
) STRICT;
CREATE INDEX invitee_review ON invitee (review_id);

-- Files received or attached, stored once by content (SHA-256 of the bytes).
CREATE TABLE stored_file (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size INTEGER NOT NULL,
    file_type TEXT NOT NULL,
    content BLOB NOT NULL
) STRICT;

CREATE TABLE checklist_item (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    invitee_id INTEGER REFERENCES invitee (id) ON DELETE SET NULL,
    requested_on TEXT,
    due_on TEXT,
    received_on TEXT,
    chased_on TEXT,
    file_sha256 TEXT REFERENCES stored_file (sha256),
    file_name TEXT,
    views_text TEXT
) STRICT;
CREATE INDEX checklist_review ON checklist_item (review_id);

-- What was generated, for whom, when.
CREATE TABLE letter_log (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    invitee_id INTEGER REFERENCES invitee (id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    generated_at TEXT NOT NULL
) STRICT;
CREATE INDEX letter_log_review ON letter_log (review_id);

-- The school's own wording for a letter, replacing the LA's or the shipped template.
CREATE TABLE letter_template (
    kind TEXT PRIMARY KEY,
    body TEXT NOT NULL
) STRICT;
