-- Schema version 9: what a SENCO records about the people around a child (parents' language,
-- interpreter and contact restriction; professionals' service and address), the restriction
-- carried onto the invitee list, and what the school's MIS last said about a child or a
-- contact (`mis_snapshot`, JSON), so that a second import changes only what the SENCO has not.
ALTER TABLE parent_carer ADD COLUMN language TEXT;
ALTER TABLE parent_carer ADD COLUMN interpreter INTEGER NOT NULL DEFAULT 0 CHECK (interpreter IN (0, 1));
ALTER TABLE parent_carer ADD COLUMN restriction TEXT CHECK (restriction IN ('court_order', 'no_post'));
ALTER TABLE parent_carer ADD COLUMN restriction_note TEXT;
ALTER TABLE parent_carer ADD COLUMN mis_key TEXT;
ALTER TABLE parent_carer ADD COLUMN mis_snapshot TEXT;

ALTER TABLE professional ADD COLUMN service TEXT NOT NULL DEFAULT 'education'
    CHECK (service IN ('education', 'health', 'social_care'));
ALTER TABLE professional ADD COLUMN address TEXT;
-- The service of professionals recorded before it was asked for, guessed from their role as
-- the invitee suggestion used to (people::Service::guess); the SENCO can change it.
UPDATE professional SET service = 'health'
    WHERE lower(role) LIKE '%nhs%' OR lower(role) LIKE '%nurse%' OR lower(role) LIKE '%therap%'
       OR lower(role) LIKE '%paediatric%' OR lower(role) LIKE '%camhs%' OR lower(role) LIKE '%health%'
       OR lower(role) LIKE '%physio%' OR lower(role) LIKE '%dietit%' OR lower(role) LIKE '%audiolog%';
UPDATE professional SET service = 'social_care'
    WHERE service = 'education' AND (lower(role) LIKE '%social worker%' OR lower(role) LIKE '%social care%');

ALTER TABLE invitee ADD COLUMN restriction TEXT CHECK (restriction IN ('court_order', 'no_post'));

ALTER TABLE child ADD COLUMN mis_snapshot TEXT;
