-- 0005: sync between devices. This device's own keys, and per shared table: the folder, the sync
-- engine's state, the enrolled devices, open invitations, what was read and what waits.

-- This device's secret keys (Ed25519 + X25519), inside the encrypted database only.
CREATE TABLE device_key (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    secret     BLOB NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- A table this device shares: the folder it syncs through and the engine's saved state.
CREATE TABLE sync_table (
    table_id     TEXT PRIMARY KEY,
    folder       TEXT NOT NULL,
    engine_state BLOB NOT NULL,
    -- the device whose word on membership this device trusts (the chair who welcomed it)
    trusted_root BLOB NOT NULL,
    last_sync    TEXT
) STRICT;

-- Where the last export of each document left off (its heads), per table.
CREATE TABLE sync_cursor (
    table_id TEXT NOT NULL,
    doc_id   TEXT NOT NULL,
    heads    BLOB NOT NULL,
    PRIMARY KEY (table_id, doc_id)
) STRICT;

-- Files already dealt with (applied, not for this device, or set aside), so a scan skips them.
CREATE TABLE sync_done (
    table_id TEXT NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (table_id, name)
) STRICT;

-- Files set aside, with the reason, to show the person.
CREATE TABLE sync_warning (
    table_id TEXT NOT NULL,
    name     TEXT NOT NULL,
    reason   TEXT NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (table_id, name)
) STRICT;

-- Files written while the folder was out of reach, to copy there at the next sync.
CREATE TABLE sync_outbox (
    table_id TEXT NOT NULL,
    name     TEXT NOT NULL,
    bytes    BLOB NOT NULL,
    PRIMARY KEY (table_id, name)
) STRICT;

-- Changes received for a document that cannot be shown yet (its first change has not arrived).
CREATE TABLE sync_held (
    id     INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    kind   TEXT NOT NULL,
    bytes  BLOB NOT NULL
) STRICT;

-- Invitations made by this device (the chair's), by their public id.
CREATE TABLE sync_invitation (
    id         TEXT PRIMARY KEY,
    table_id   TEXT NOT NULL,
    record     BLOB NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- A join this device made and waits on: the code it typed (to read the welcome) and the folder.
CREATE TABLE sync_join (
    code_id    TEXT PRIMARY KEY,
    code       TEXT NOT NULL,
    folder     TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- Phenomena and organisations of a shared table that this profile knew under another id.
CREATE TABLE sync_alias (
    kind      TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    local_id  TEXT NOT NULL,
    PRIMARY KEY (kind, remote_id)
) STRICT;

-- Files that wait: for a key of their document (doc_id) or for their author's enrolment (NULL).
CREATE TABLE sync_waiting (
    table_id TEXT NOT NULL,
    name     TEXT NOT NULL,
    doc_id   TEXT,
    PRIMARY KEY (table_id, name)
) STRICT;
