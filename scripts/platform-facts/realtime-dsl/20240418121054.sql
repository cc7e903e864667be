ALTER TABLE realtime.channels DROP COLUMN "check"; ALTER TABLE realtime.broadcasts DROP COLUMN "check"; ALTER TABLE realtime.presences DROP COLUMN "check";
