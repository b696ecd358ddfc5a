-- Files read for a table that did not verify as their name says (planted, damaged, half-synced,
-- signed for another table): their names are not done with, since the genuine file may still come
-- there. The digest lets the same bytes be skipped without checking them again; other bytes at
-- that name are read.
CREATE TABLE sync_junk (
    table_id   TEXT NOT NULL,
    name       TEXT NOT NULL,
    digest     BLOB NOT NULL,
    checked_at TEXT NOT NULL,
    PRIMARY KEY (table_id, name)
) STRICT;
