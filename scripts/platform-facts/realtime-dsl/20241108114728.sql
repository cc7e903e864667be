ALTER TABLE realtime.messages DROP COLUMN id, DROP COLUMN uuid, ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
