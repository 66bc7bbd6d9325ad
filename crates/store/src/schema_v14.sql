-- Schema version 14 (issue 15): a review the LA sent back, and the kind of review.
--
-- The LA may return a review's paperwork asking for more (Redcar's QA step): when, by when it
-- wants an answer, each item it asked for (ticked off when done), and when the review went back.
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
-- An annual review, or one held early or between reviews (spec §9: interim / early reviews).
ALTER TABLE review ADD COLUMN review_type TEXT NOT NULL DEFAULT 'annual'
    CHECK (review_type IN ('annual','interim','early'));
