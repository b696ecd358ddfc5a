-- 0003: Automerge documents (meetings, per-case content) and the indexes kept in step with them.

-- Each document: its last compacted save, then the incremental changes saved since, in order.
CREATE TABLE document (
    id         TEXT PRIMARY KEY,        -- the meeting id or the case id
    kind       TEXT NOT NULL,           -- 'meeting' or 'case'
    snapshot   BLOB NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE document_change (
    doc_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    bytes  BLOB NOT NULL,
    PRIMARY KEY (doc_id, seq)
) STRICT;

-- The meeting list, for queries; the meeting's content is in its document.
CREATE TABLE meeting (
    id         TEXT PRIMARY KEY,
    table_id   TEXT NOT NULL REFERENCES case_table(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    place      TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_by_table ON meeting(table_id, date);

-- Every action of every case document, for "my actions", overdue and review lists.
CREATE TABLE action_index (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
    meeting_id   TEXT NOT NULL,
    what         TEXT NOT NULL,
    owner_id     TEXT NOT NULL,
    owner_person TEXT NOT NULL,
    due          TEXT NOT NULL,
    status       TEXT NOT NULL
) STRICT;
CREATE INDEX action_by_owner ON action_index(owner_id, status, due);
CREATE INDEX action_by_due ON action_index(status, due);
