-- Schema version 12: the child's SEN need types (DfE codes, primary first, separated by commas),
-- as the MIS's Common Transfer File gives them or the SENCO types them.
ALTER TABLE child ADD COLUMN need_types TEXT NOT NULL DEFAULT '';
