-- Schema version 7: reasons given for overriding a bundle warning (spec §8.5), exported in the
-- bundle's manifest. A finding is identified by its rule and its message.
CREATE TABLE bundle_override (
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    message TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_on TEXT NOT NULL,
    PRIMARY KEY (review_id, rule, message)
) STRICT;
