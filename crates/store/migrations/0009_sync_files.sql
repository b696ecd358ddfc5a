-- 0009: every change file of a shared table this device holds (written here or received), so that
-- live sync can hand a peer what it lacks, relayed files included, and a waiting file can be read
-- again without the folder. The bytes are the signed, encrypted files as the folder holds them.
CREATE TABLE sync_file (
    table_id TEXT NOT NULL,
    name     TEXT NOT NULL,
    bytes    BLOB NOT NULL,
    PRIMARY KEY (table_id, name)
) STRICT;
