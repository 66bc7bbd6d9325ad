-- Schema version 15 (issue 15 item 13): what the circulation of the papers told everyone.
--
-- `circulated_on` stays the first circulation, the one the two weeks of reg 20(4) are judged
-- on. The papers that had not arrived by then, which the SENCO confirmed everyone was told of,
-- one title a line ('' when nothing was missing; NULL when not recorded, as before v15); and
-- the last time the papers went round again, with what arrived since.
ALTER TABLE review ADD COLUMN circulation_missing TEXT;
ALTER TABLE review ADD COLUMN recirculated_on TEXT;
