-- 0010: a revision per document, raised by every save, and the revision an export cursor was set
-- at: an export skips a document whose revision has not moved since (no Automerge load).
ALTER TABLE document ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_cursor ADD COLUMN rev INTEGER;
