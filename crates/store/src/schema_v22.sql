-- Schema version 22 (issue 20 item 3): check-ins between reviews — progress, the child's view
-- and the parents' feedback on a day — by child, so that those since the last review inform the
-- next one.
CREATE TABLE check_in (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    progress TEXT NOT NULL DEFAULT '',
    child_view TEXT NOT NULL DEFAULT '',
    parent_view TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX check_in_child ON check_in (child_id, held_on);
