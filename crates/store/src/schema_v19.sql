-- Schema version 19 (issue 20 item 2): who was briefed on a child's plan after a review, and
-- when (the staff briefing sheet's follow-through). Deleted with the review, and so with the child.
CREATE TABLE staff_briefing (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    briefed_on TEXT NOT NULL,
    who TEXT NOT NULL CHECK (length(trim(who)) > 0)
) STRICT;
CREATE INDEX staff_briefing_review ON staff_briefing (review_id);
