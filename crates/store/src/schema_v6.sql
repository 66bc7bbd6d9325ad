-- Schema version 6: the plan's front page as a section, the plan file it was imported from,
-- and the amendments proposed at a review.

-- plan_section gains the front page: SQLite cannot alter a CHECK, so the table is rebuilt.
CREATE TABLE plan_section_v6 (
    child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    section TEXT NOT NULL
        CHECK (section IN ('Front','A','B','C','D','E','F','G','H1','H2','I','J','K')),
    body TEXT NOT NULL,
    PRIMARY KEY (child_id, section)
) STRICT;
INSERT INTO plan_section_v6 (child_id, section, body) SELECT child_id, section, body FROM plan_section;
DROP TABLE plan_section;
ALTER TABLE plan_section_v6 RENAME TO plan_section;

-- The original plan document (kept as received) and its file name.
ALTER TABLE ehc_plan ADD COLUMN source_sha256 TEXT REFERENCES stored_file (sha256);
ALTER TABLE ehc_plan ADD COLUMN source_name TEXT;

-- How the review's amendments are shown, when the SENCO overrides the LA's default.
ALTER TABLE review ADD COLUMN amendment_mode TEXT
    CHECK (amendment_mode IS NULL OR amendment_mode IN ('revisions','boldstrike','table'));

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

-- The reports an amendment rests on: checklist items of the same review, with page/paragraph.
CREATE TABLE amendment_evidence (
    amendment_id INTEGER NOT NULL REFERENCES amendment (id) ON DELETE CASCADE,
    checklist_item_id INTEGER NOT NULL REFERENCES checklist_item (id) ON DELETE CASCADE,
    locator TEXT NOT NULL,
    PRIMARY KEY (amendment_id, checklist_item_id)
) STRICT;
