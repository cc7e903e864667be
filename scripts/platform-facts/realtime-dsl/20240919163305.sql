ALTER TABLE realtime.messages ADD COLUMN IF NOT EXISTS uuid uuid;
