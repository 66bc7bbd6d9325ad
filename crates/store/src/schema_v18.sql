-- Schema version 18 (issue 19): the replies the LA's desk drafted from its register, so that a
-- folder opened again (the next morning) shows which reviews were returned or decided. A review
-- is known by what its bundle says of it (`review_key`: the LA profile, the child's LA reference
-- or initials, the meeting date, the school's URN), or by the submission's name when it came
-- without the app; the letters themselves are files the officer keeps.
CREATE TABLE desk_reply (
    id INTEGER PRIMARY KEY,
    review_key TEXT NOT NULL,
    reply TEXT NOT NULL,
    drafted_on TEXT NOT NULL
) STRICT;
CREATE INDEX desk_reply_by_review ON desk_reply (review_key);
