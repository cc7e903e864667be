CREATE INDEX IF NOT EXISTS messages_inserted_at_topic_index ON realtime.messages (inserted_at DESC, topic) WHERE extension = 'broadcast' and private IS TRUE;
