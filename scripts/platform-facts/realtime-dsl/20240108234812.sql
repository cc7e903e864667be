ALTER TABLE realtime.channels ADD COLUMN "check" boolean DEFAULT false;
