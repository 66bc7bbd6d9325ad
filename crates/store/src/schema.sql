-- Schema version 1. Dates are ISO 8601 text (YYYY-MM-DD); times are UTC RFC 3339.
PRAGMA application_id = 1095910483; -- 0x41524453, "ARDS": marks the file as an Annual Review Desk database

CREATE TABLE school (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    urn TEXT NOT NULL,
    logo BLOB
) STRICT;

CREATE TABLE child (
    id INTEGER PRIMARY KEY,
    legal_forenames TEXT NOT NULL,
    legal_surname TEXT NOT NULL,
    preferred_name TEXT,
    dob TEXT NOT NULL,
    upn TEXT UNIQUE,
    ncy_offset INTEGER NOT NULL DEFAULT 0 CHECK (ncy_offset BETWEEN -3 AND 3),
    looked_after INTEGER NOT NULL DEFAULT 0 CHECK (looked_after IN (0, 1)),
    la_id TEXT NOT NULL,
    la_ref TEXT
) STRICT;

CREATE TABLE ehc_plan (
    child_id INTEGER PRIMARY KEY REFERENCES child (id) ON DELETE CASCADE,
    issue_date TEXT NOT NULL,
    last_review_decision TEXT
) STRICT;

CREATE TABLE plan_section (
    child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    section TEXT NOT NULL CHECK (section IN ('A','B','C','D','E','F','G','H1','H2','I','J','K')),
    body TEXT NOT NULL,
    PRIMARY KEY (child_id, section)
) STRICT;

CREATE TABLE parent_carer (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    relationship TEXT NOT NULL,
    parental_responsibility INTEGER NOT NULL CHECK (parental_responsibility IN (0, 1)),
    phone TEXT,
    email TEXT,
    address TEXT,
    preferred_contact TEXT NOT NULL CHECK (preferred_contact IN ('email','phone','post','text'))
) STRICT;
CREATE INDEX parent_carer_child ON parent_carer (child_id);

CREATE TABLE professional (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation TEXT NOT NULL,
    email TEXT,
    phone TEXT
) STRICT;
CREATE INDEX professional_child ON professional (child_id);

CREATE TABLE review (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    meeting_date TEXT,
    meeting_start TEXT,
    venue TEXT NOT NULL DEFAULT '',
    stage TEXT NOT NULL CHECK (stage IN ('planning','invitations_sent','reports_due','meeting_held',
                                         'ready_to_submit','submitted','decided'))
) STRICT;
CREATE INDEX review_child ON review (child_id);

-- One row per user action. No personal content: who (OS account), what, which record, when.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    os_user TEXT NOT NULL,
    action TEXT NOT NULL,
    record_type TEXT,
    record_id INTEGER
) STRICT;
