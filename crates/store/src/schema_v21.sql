-- Schema version 21 (issue 20 item 1): the school's requests to the LA after a review — a
-- re-assessment, additional support or services, a reconsideration on new evidence — with the
-- day each was sent, the review's documents sent with it, and the LA's answer once it comes.
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

CREATE TABLE la_request_evidence (
    request_id INTEGER NOT NULL REFERENCES la_request (id) ON DELETE CASCADE,
    checklist_item_id INTEGER NOT NULL REFERENCES checklist_item (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (request_id, checklist_item_id)
) STRICT;
