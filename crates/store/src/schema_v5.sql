-- Schema version 5: after the meeting.
-- When the record went to the LA, and the LA's decision that concludes the review (its letter's
-- date anchors the next review, spec T15).
ALTER TABLE review ADD COLUMN submitted_on TEXT;
ALTER TABLE review ADD COLUMN decision TEXT
    CHECK (decision IS NULL OR decision IN ('no_change','minor','significant','cease'));
ALTER TABLE review ADD COLUMN decided_on TEXT;

-- The follow-up of each agreed action, by the row it is stored under in ar1_field
-- (actions.N.…). No row means the action is open.
CREATE TABLE action_follow_up (
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    action_row INTEGER NOT NULL CHECK (action_row >= 0),
    status TEXT NOT NULL CHECK (status IN ('open','done','carried_forward','dropped')),
    note TEXT NOT NULL DEFAULT '',
    updated_on TEXT NOT NULL,
    PRIMARY KEY (review_id, action_row)
) STRICT;
