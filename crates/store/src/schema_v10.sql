-- Schema version 10: the plan's review history as the child form records it. The date the plan
-- was first issued may be unknown (a child imported from the MIS arrives without it), and the
-- date of the last review meeting is kept beside the LA's last decision letter; the clock
-- anchors on the latest of them. SQLite cannot drop a NOT NULL, so `ehc_plan` is rebuilt with
-- its rows kept (nothing refers to it).
CREATE TABLE ehc_plan_v10 (
    child_id INTEGER PRIMARY KEY REFERENCES child (id) ON DELETE CASCADE,
    issue_date TEXT,
    last_review_meeting TEXT,
    last_review_decision TEXT,
    source_sha256 TEXT REFERENCES stored_file (sha256),
    source_name TEXT
) STRICT;

INSERT INTO ehc_plan_v10 (child_id, issue_date, last_review_decision, source_sha256, source_name)
    SELECT child_id, issue_date, last_review_decision, source_sha256, source_name FROM ehc_plan;

DROP TABLE ehc_plan;

ALTER TABLE ehc_plan_v10 RENAME TO ehc_plan;
