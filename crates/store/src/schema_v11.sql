-- Schema version 11: the head teacher's name, so the setting's invitation (reg 20(2)(b)) goes
-- to them by name; the first day asks for it with the school's other details.
ALTER TABLE school ADD COLUMN head_teacher TEXT NOT NULL DEFAULT '';
