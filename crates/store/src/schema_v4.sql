-- Schema version 4: the AR1 record, one row per field, so that each autosave is one small write.
CREATE TABLE ar1_field (
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (review_id, key)
) STRICT;
