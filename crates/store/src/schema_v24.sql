-- Schema version 24 (issue 20 item 4): the transition plan — the receiving setting as a
-- contact, one per child, and the transition actions.
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
