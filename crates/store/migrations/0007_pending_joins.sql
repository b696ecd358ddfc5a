-- 0007: join requests wait for the chair, who compares fingerprints before admitting a device.
CREATE TABLE sync_pending_join (
    table_id      TEXT NOT NULL,
    device        BLOB NOT NULL,
    invitation_id TEXT NOT NULL,
    participant   TEXT NOT NULL,
    label         TEXT NOT NULL,
    request       BLOB NOT NULL,
    at            TEXT NOT NULL,
    PRIMARY KEY (table_id, device)
) STRICT;
