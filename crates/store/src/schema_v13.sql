-- Schema version 13: what follows the LA's decision (issue 15): for an amend, the dates of the
-- notice of the proposed amendments, the draft and the final amended plan (reg 22); for an
-- appeal, the mediation certificate (CFA 2014 s55) and the Tribunal appeal lodged and ended.
ALTER TABLE review ADD COLUMN amendment_notice_on TEXT;
ALTER TABLE review ADD COLUMN draft_plan_on TEXT;
ALTER TABLE review ADD COLUMN final_plan_on TEXT;
ALTER TABLE review ADD COLUMN mediation_certificate_on TEXT;
ALTER TABLE review ADD COLUMN appeal_lodged_on TEXT;
ALTER TABLE review ADD COLUMN appeal_ended_on TEXT;
