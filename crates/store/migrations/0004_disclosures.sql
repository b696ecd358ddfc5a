-- 0004: the disclosure ledger (verstrekkingsregister). Every report that leaves the app, by PDF or
-- print: what, by whom, when, to whom. Append-only, like the audit log.
CREATE TABLE disclosure (
    id           TEXT PRIMARY KEY,
    table_id     TEXT NOT NULL REFERENCES case_table(id),
    meeting_id   TEXT NOT NULL REFERENCES meeting(id),
    meeting_date TEXT NOT NULL,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    channel      TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL
) STRICT;
CREATE INDEX disclosure_by_table ON disclosure(table_id, at);
CREATE TRIGGER disclosure_no_update BEFORE UPDATE ON disclosure
BEGIN SELECT RAISE(ABORT, 'the disclosure ledger is append-only'); END;
CREATE TRIGGER disclosure_no_delete BEFORE DELETE ON disclosure
BEGIN SELECT RAISE(ABORT, 'the disclosure ledger is append-only'); END;
