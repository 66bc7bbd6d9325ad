-- Schema version 23 (issue 20 item 7): how each invitation went — by email, by post or by hand —
-- so that a posted one gives notice only once it can be expected to arrive (spec C3).
ALTER TABLE invitee ADD COLUMN sent_by TEXT CHECK (sent_by IN ('email', 'post', 'hand'));
