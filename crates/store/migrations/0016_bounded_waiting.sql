-- Held changes (their dependencies not here yet): the hashes they still wait for (32 bytes each),
-- so each is offered again only once those are here, and when it was first held, so that one
-- waiting for a change that never comes expires. Rows held before this have neither: they are
-- offered again as before, and count as held now by the first table whose pass sees them.
ALTER TABLE sync_held ADD COLUMN missing BLOB;
ALTER TABLE sync_held ADD COLUMN held_at TEXT;
ALTER TABLE sync_held ADD COLUMN table_id TEXT;
CREATE INDEX sync_held_doc ON sync_held (doc_id);

-- Files whose author is not a member of the table (yet) are not archived: they wait by name, with
-- their digest and the time first seen, are counted per author folder and in all, and expire.
ALTER TABLE sync_waiting ADD COLUMN stranger INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_waiting ADD COLUMN digest BLOB;
ALTER TABLE sync_waiting ADD COLUMN since TEXT;

-- Junk recorded for a stranger's file over those quotas: forgotten once its author is admitted.
ALTER TABLE sync_junk ADD COLUMN stranger INTEGER NOT NULL DEFAULT 0;
