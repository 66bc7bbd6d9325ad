-- Schema version 20 (issue 20 item 5): the SENCO's reflection at the end of a review — what
-- worked, what could improve, what to do differently next time — one per review.
CREATE TABLE review_reflection (
    review_id INTEGER PRIMARY KEY REFERENCES review (id) ON DELETE CASCADE,
    worked TEXT NOT NULL DEFAULT '',
    improve TEXT NOT NULL DEFAULT '',
    next_time TEXT NOT NULL DEFAULT '',
    recorded_on TEXT NOT NULL
) STRICT;
