-- Conversations: every dialogue belongs to one; runs stored before this migration are each their own.
ALTER TABLE dialogues ADD COLUMN conversation_id text;
UPDATE dialogues SET conversation_id = run_id WHERE conversation_id IS NULL;
ALTER TABLE dialogues ALTER COLUMN conversation_id SET NOT NULL;
CREATE INDEX dialogues_conversation_idx ON dialogues (conversation_id, created_at DESC, id DESC);
