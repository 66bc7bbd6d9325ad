-- The whole schema of an Annual Review Desk database as it is after every migration, for people
-- to read. The app never runs this file: databases are created and upgraded by the migrations
-- (schema.sql, then schema_v2.sql … in migrations.rs), which also set PRAGMA user_version.
-- tests/schema.rs fails if this file and the migrations disagree; when you add a migration,
-- change this file to match.
--
-- Conventions: every table is STRICT. Dates are ISO 8601 text (YYYY-MM-DD), times of day are
-- HH:MM, instants are UTC RFC 3339. Yes/no columns are INTEGER 0 or 1. Code columns hold the
-- domain's stable codes, listed in their CHECKs. There are no triggers and no views.

PRAGMA application_id = 1095910483; -- 0x41524453, "ARDS": marks the file as ours

------------------------------------------------------------------------------------------------
-- The school's settings (settings.rs; the letter templates are in letters.rs)
------------------------------------------------------------------------------------------------

-- The school itself: one row (id 1). Its name and address head the letters; the SENCO signs them.
CREATE TABLE school (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    urn TEXT NOT NULL,                            -- unique reference number (DfE)
    logo BLOB,
    senco_name TEXT NOT NULL DEFAULT '',          -- v3
    senco_role TEXT NOT NULL DEFAULT 'SENCO',     -- v3
    phone TEXT NOT NULL DEFAULT '',               -- v3
    email TEXT NOT NULL DEFAULT '',               -- v3
    head_teacher TEXT NOT NULL DEFAULT ''         -- v11: invited by name (reg 20(2)(b))
) STRICT;

-- v16: how long the school keeps a leaver's record (its records policy): one row (id 1), none
-- until it is set, and until then no leaver is listed for erasure.
CREATE TABLE retention (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    basis TEXT NOT NULL CHECK (basis IN ('after_leaving', 'until_age')),
    years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 100)
) STRICT;

-- The school's terms. A milestone falling outside them is flagged, never moved.
CREATE TABLE school_term (
    id INTEGER PRIMARY KEY,
    starts TEXT NOT NULL,
    ends TEXT NOT NULL,
    CHECK (starts <= ends)
) STRICT;

-- Single days the school is closed in term time (INSET days).
CREATE TABLE school_closure (day TEXT PRIMARY KEY) STRICT;

-- Bank holidays imported from gov.uk's bank-holidays.json, in addition to the embedded table.
CREATE TABLE bank_holiday (day TEXT PRIMARY KEY) STRICT;

-- LA profiles the school has edited: each replaces the shipped profile with the same id.
-- The JSON is validated by the app before it is stored and again when it is read.
CREATE TABLE la_profile (
    id TEXT PRIMARY KEY,
    json TEXT NOT NULL
) STRICT;

-- The school's own wording for a kind of letter, used instead of the LA's or the shipped one.
CREATE TABLE letter_template (
    kind TEXT PRIMARY KEY,
    body TEXT NOT NULL
) STRICT;

------------------------------------------------------------------------------------------------
-- Children and their plans (children.rs). Deleting a child deletes everything below it.
------------------------------------------------------------------------------------------------

-- One row per child with an EHC plan: the caseload.
CREATE TABLE child (
    id INTEGER PRIMARY KEY,
    legal_forenames TEXT NOT NULL,
    legal_surname TEXT NOT NULL,
    preferred_name TEXT,
    dob TEXT NOT NULL,
    upn TEXT UNIQUE,                              -- unique pupil number, when known
    ncy_offset INTEGER NOT NULL DEFAULT 0 CHECK (ncy_offset BETWEEN -3 AND 3), -- taught out of year group
    looked_after INTEGER NOT NULL DEFAULT 0 CHECK (looked_after IN (0, 1)),
    la_id TEXT NOT NULL,                          -- the LA profile that maintains the plan
    la_ref TEXT,                                  -- the LA's own reference
    transfer_ncy INTEGER CHECK (transfer_ncy BETWEEN -1 AND 13), -- v2: a phase transfer besides Y6 and Y11
    post16_move TEXT,                             -- v2: the date of a post-16 move
    mis_snapshot TEXT,                            -- v9: what the MIS import last said (JSON)
    need_types TEXT NOT NULL DEFAULT '',          -- v12: SEN need type codes, primary first ("ASD, SLCN")
    left_on TEXT,                                 -- v16: the day they left the school (NULL on roll)
    left_to TEXT                                  -- v16: where they went
) STRICT;

-- The child's EHC plan: one per child. Its dates anchor the next review: the LA's last decision
-- letter, else the last review meeting, else the date the plan was first issued (any may be
-- unknown: v10 rebuilt the table so that the issue date may be NULL).
CREATE TABLE ehc_plan (
    child_id INTEGER PRIMARY KEY REFERENCES child (id) ON DELETE CASCADE,
    issue_date TEXT,                              -- the date the plan was first issued
    last_review_meeting TEXT,                     -- v10
    last_review_decision TEXT,
    source_sha256 TEXT REFERENCES stored_file (sha256), -- v6: the document it was imported from
    source_name TEXT                              -- v6: that document's file name
) STRICT;

-- The text of each section of the plan (the front page, A to K).
CREATE TABLE plan_section (
    child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    section TEXT NOT NULL
        CHECK (section IN ('Front','A','B','C','D','E','F','G','H1','H2','I','J','K')),
    body TEXT NOT NULL,
    PRIMARY KEY (child_id, section)
) STRICT;

-- The child's parents and carers.
CREATE TABLE parent_carer (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    relationship TEXT NOT NULL,
    parental_responsibility INTEGER NOT NULL CHECK (parental_responsibility IN (0, 1)),
    phone TEXT,
    email TEXT,
    address TEXT,
    preferred_contact TEXT NOT NULL CHECK (preferred_contact IN ('email','phone','post','text')),
    language TEXT,                                -- v9: preferred language, when not English
    interpreter INTEGER NOT NULL DEFAULT 0 CHECK (interpreter IN (0, 1)), -- v9
    restriction TEXT CHECK (restriction IN ('court_order', 'no_post')), -- v9: nothing sent automatically
    restriction_note TEXT,                        -- v9: what the order says, for the SENCO
    mis_key TEXT,                                 -- v9: the contact's key in the MIS import
    mis_snapshot TEXT                             -- v9: what the MIS import last said (JSON)
) STRICT;
CREATE INDEX parent_carer_child ON parent_carer (child_id);

-- The professionals who work with the child.
CREATE TABLE professional (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    service TEXT NOT NULL DEFAULT 'education'     -- v9: reg 20(2)(d)-(e) invite health and social care
        CHECK (service IN ('education', 'health', 'social_care')),
    address TEXT                                  -- v9
) STRICT;
CREATE INDEX professional_child ON professional (child_id);

------------------------------------------------------------------------------------------------
-- Reviews (reviews.rs). A child's current review is the one with the highest id.
------------------------------------------------------------------------------------------------

-- One annual review of a child's plan, from planning to the LA's decision.
CREATE TABLE review (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    meeting_date TEXT,
    meeting_start TEXT,
    venue TEXT NOT NULL DEFAULT '',
    stage TEXT NOT NULL CHECK (stage IN ('planning','invitations_sent','reports_due','meeting_held',
                                         'ready_to_submit','submitted','decided')),
    circulated_on TEXT,                           -- v3: reports circulated to every invitee
    submitted_on TEXT,                            -- v5: the record went to the LA
    decision TEXT                                 -- v5: the LA's decision
        CHECK (decision IS NULL OR decision IN ('no_change','minor','significant','cease')),
    decided_on TEXT,                              -- v5: the date of the LA's decision letter
    amendment_mode TEXT                           -- v6: NULL means the LA profile's default
        CHECK (amendment_mode IS NULL OR amendment_mode IN ('revisions','boldstrike','table')),
    amendment_notice_on TEXT,                     -- v13: amend: notice of the proposed amendments
    draft_plan_on TEXT,                           -- v13: amend: the draft amended plan served
    final_plan_on TEXT,                           -- v13: amend: the final amended plan issued
    mediation_certificate_on TEXT,                -- v13: a mediation certificate (CFA 2014 s55)
    appeal_lodged_on TEXT,                        -- v13: a Tribunal appeal lodged
    appeal_ended_on TEXT,                         -- v13: and ended
    review_type TEXT NOT NULL DEFAULT 'annual'    -- v14: annual, or held early or between
        CHECK (review_type IN ('annual','interim','early')),
    circulation_missing TEXT,                     -- v15: papers not yet in, named at circulation
    recirculated_on TEXT                          -- v15: the papers sent round again
) STRICT;
CREATE INDEX review_child ON review (child_id);

-- v14: the LA sent the review back (its QA step): when, by when it wants an answer, and when
-- the review went back to it; each item it asked for, ticked off when done.
CREATE TABLE la_return (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    returned_on TEXT NOT NULL,
    respond_by TEXT,
    resubmitted_on TEXT
) STRICT;
CREATE INDEX la_return_review ON la_return (review_id);
CREATE TABLE la_return_item (
    return_id INTEGER NOT NULL REFERENCES la_return (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    asked TEXT NOT NULL,
    done_on TEXT,
    PRIMARY KEY (return_id, position)
) STRICT;

------------------------------------------------------------------------------------------------
-- Before the meeting (invitees.rs, checklist.rs, files.rs, letters.rs)
------------------------------------------------------------------------------------------------

-- Who is invited to the review meeting, in list order, and how they attended.
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
    statutory INTEGER NOT NULL CHECK (statutory IN (0, 1)),  -- must be invited by law (reg 20(2))
    reason TEXT NOT NULL DEFAULT '',
    invited_on TEXT,
    attendance TEXT NOT NULL DEFAULT 'unknown'
        CHECK (attendance IN ('unknown','in_person','virtual','written','apologies','absent')),
    restriction TEXT CHECK (restriction IN ('court_order', 'no_post')), -- v9: a parent's contact restriction
    sent_by TEXT CHECK (sent_by IN ('email', 'post', 'hand'))            -- v23: how the invitation went
) STRICT;
CREATE INDEX invitee_review ON invitee (review_id);

-- Every file received or attached, stored once by the SHA-256 of its bytes, for as long as a
-- checklist item or a plan refers to it (files.rs deletes the rest).
CREATE TABLE stored_file (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size INTEGER NOT NULL,
    file_type TEXT NOT NULL,                      -- the type found from its content
    content BLOB NOT NULL,
    scan_verdict TEXT,                            -- v8: the password scan's verdict when attached
    scan_detail TEXT,                             -- v8: and its detail
    scan_active TEXT                              -- v17: what would run, for a `macro` verdict
) STRICT;

-- The reports and views a review expects: who was asked, when they are due, what arrived
-- (a stored file, or views typed in).
CREATE TABLE checklist_item (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,                           -- the document's code, e.g. D10
    title TEXT NOT NULL,
    invitee_id INTEGER REFERENCES invitee (id) ON DELETE SET NULL,
    requested_on TEXT,
    due_on TEXT,
    received_on TEXT,
    chased_on TEXT,
    file_sha256 TEXT REFERENCES stored_file (sha256),
    file_name TEXT,                               -- the file's name when it was attached
    views_text TEXT
) STRICT;
CREATE INDEX checklist_review ON checklist_item (review_id);

-- Every letter generated: for which review and invitee, what kind, when.
CREATE TABLE letter_log (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    invitee_id INTEGER REFERENCES invitee (id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    generated_at TEXT NOT NULL
) STRICT;
CREATE INDEX letter_log_review ON letter_log (review_id);

------------------------------------------------------------------------------------------------
-- The meeting and after (ar1.rs, follow_up.rs, amendments.rs, bundle.rs)
------------------------------------------------------------------------------------------------

-- The AR1 record of the meeting, one row per field, so that each autosave is one small write.
-- Agreed actions are the fields actions.N.…, referred to by their row N.
CREATE TABLE ar1_field (
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (review_id, key)
) STRICT;

-- Where each agreed action stands. No row means the action is open.
CREATE TABLE action_follow_up (
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    action_row INTEGER NOT NULL CHECK (action_row >= 0),  -- N in actions.N.…
    status TEXT NOT NULL CHECK (status IN ('open','done','carried_forward','dropped')),
    note TEXT NOT NULL DEFAULT '',
    updated_on TEXT NOT NULL,
    PRIMARY KEY (review_id, action_row)
) STRICT;

-- Amendments to the plan proposed at a review.
CREATE TABLE amendment (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    section TEXT NOT NULL
        CHECK (section IN ('Front','A','B','C','D','E','F','G','H1','H2','I','J','K')),
    current TEXT NOT NULL,
    proposed TEXT NOT NULL,
    reason TEXT NOT NULL,
    agreed INTEGER NOT NULL CHECK (agreed IN (0, 1)),
    disagreement TEXT NOT NULL
) STRICT;
CREATE INDEX amendment_review ON amendment (review_id);

-- The reports an amendment rests on (checklist items of the same review), with the page or
-- paragraph.
CREATE TABLE amendment_evidence (
    amendment_id INTEGER NOT NULL REFERENCES amendment (id) ON DELETE CASCADE,
    checklist_item_id INTEGER NOT NULL REFERENCES checklist_item (id) ON DELETE CASCADE,
    locator TEXT NOT NULL,
    PRIMARY KEY (amendment_id, checklist_item_id)
) STRICT;

-- The reasons given for overriding a bundle finding (spec §8.5), exported in the manifest.
-- A finding is identified by its rule and its message.
CREATE TABLE bundle_override (
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    message TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_on TEXT NOT NULL,
    PRIMARY KEY (review_id, rule, message)
) STRICT;

------------------------------------------------------------------------------------------------
-- The audit trail (lib.rs)
------------------------------------------------------------------------------------------------

-- One row per user action, written in the action's own transaction by Store::write. No personal
-- content: who (the OS account), what (the action's name), which record, when.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    os_user TEXT NOT NULL,
    action TEXT NOT NULL,
    record_type TEXT,
    record_id INTEGER
) STRICT;

-- Who was briefed on the plan after a review, and when (v19; briefing.rs).
CREATE TABLE staff_briefing (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    briefed_on TEXT NOT NULL,
    who TEXT NOT NULL CHECK (length(trim(who)) > 0)
) STRICT;
CREATE INDEX staff_briefing_review ON staff_briefing (review_id);

-- The SENCO's reflection at the end of a review, one per review (v20; briefing.rs).
CREATE TABLE review_reflection (
    review_id INTEGER PRIMARY KEY REFERENCES review (id) ON DELETE CASCADE,
    worked TEXT NOT NULL DEFAULT '',
    improve TEXT NOT NULL DEFAULT '',
    next_time TEXT NOT NULL DEFAULT '',
    recorded_on TEXT NOT NULL
) STRICT;

-- The transition plan (v24; transition.rs): the receiving setting as a contact, one per child,
-- invited by name to the reviews that plan the move; and the transition actions.
CREATE TABLE transition_setting (
    child_id INTEGER PRIMARY KEY REFERENCES child (id) ON DELETE CASCADE,
    setting TEXT NOT NULL CHECK (length(trim(setting)) > 0),
    contact TEXT NOT NULL DEFAULT '',
    email TEXT,
    phone TEXT
) STRICT;

CREATE TABLE transition_action (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    owner TEXT NOT NULL,
    due_on TEXT,
    done_on TEXT
) STRICT;
CREATE INDEX transition_action_child ON transition_action (child_id);

-- Check-ins between reviews (v22; check_ins.rs): progress, the child's view and the parents'
-- feedback on a day, by child; those since the last review inform the next one.
CREATE TABLE check_in (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    progress TEXT NOT NULL DEFAULT '',
    child_view TEXT NOT NULL DEFAULT '',
    parent_view TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX check_in_child ON check_in (child_id, held_on);

-- The school's requests to the LA after a review (v21; requests.rs): a re-assessment, support
-- or services, a reconsideration on new evidence; the day sent, and the LA's answer.
CREATE TABLE la_request (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reassessment', 'support', 'reconsideration')),
    grounds TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    outcome TEXT CHECK (outcome IN ('agreed', 'partly', 'refused', 'withdrawn')),
    answered_on TEXT,
    answer_note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX la_request_review ON la_request (review_id);

-- The review's documents sent with a request, in the letter's order.
CREATE TABLE la_request_evidence (
    request_id INTEGER NOT NULL REFERENCES la_request (id) ON DELETE CASCADE,
    checklist_item_id INTEGER NOT NULL REFERENCES checklist_item (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (request_id, checklist_item_id)
) STRICT;

------------------------------------------------------------------------------------------------
-- The LA's desk (desk.rs)
------------------------------------------------------------------------------------------------

-- Each reply drafted from the register (v18): `returned`, or the decision's code; the review as
-- its bundle names it (the LA profile, LA reference or initials, meeting date, URN).
CREATE TABLE desk_reply (
    id INTEGER PRIMARY KEY,
    review_key TEXT NOT NULL,
    reply TEXT NOT NULL,
    drafted_on TEXT NOT NULL
) STRICT;
CREATE INDEX desk_reply_by_review ON desk_reply (review_key);
